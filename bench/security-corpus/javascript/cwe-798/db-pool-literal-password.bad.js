const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: 'mysql.internal',
  user: 'orders_app',
  password: 'Orders#2019!prod',
  database: 'orders',
  connectionLimit: 10,
});

async function findOrder(id) {
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ?', [id]);
  return rows[0] || null;
}

module.exports = { pool, findOrder };
