const { MongoClient } = require('mongodb');

const uri = process.env.MONGODB_URI;
if (!uri) {
  throw new Error('MONGODB_URI is not set');
}
const client = new MongoClient(uri, { maxPoolSize: 20 });

async function getOrdersCollection() {
  await client.connect();
  return client.db('orders').collection('orders');
}

module.exports = { getOrdersCollection };
