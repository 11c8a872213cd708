const { MongoClient } = require('mongodb');

const uri = 'mongodb://orders_admin:Xr7!pQ2z9LmW@mongo-0.internal:27017/orders?authSource=admin';
const client = new MongoClient(uri, { maxPoolSize: 20 });

async function getOrdersCollection() {
  await client.connect();
  return client.db('orders').collection('orders');
}

module.exports = { getOrdersCollection };
