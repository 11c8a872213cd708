import { DataSource } from 'typeorm';
import { Order } from './entity/Order';
import { Customer } from './entity/Customer';

export const AppDataSource = new DataSource({
  type: 'postgres',
  host: process.env.DB_HOST ?? 'orders-db.prod.internal',
  port: Number(process.env.DB_PORT ?? 5432),
  username: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'orders',
  entities: [Order, Customer],
  synchronize: false,
});
