import { DataSource } from 'typeorm';
import { Order } from './entity/Order';
import { Customer } from './entity/Customer';

export const AppDataSource = new DataSource({
  type: 'postgres',
  host: 'orders-db.prod.internal',
  port: 5432,
  username: 'orders_app',
  password: 'pG#8vKt2!wQz',
  database: 'orders',
  entities: [Order, Customer],
  synchronize: false,
});
