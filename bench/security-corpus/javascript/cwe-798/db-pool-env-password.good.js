const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: process.env.DB_HOST || 'mysql.internal',
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'orders',
  connectionLimit: 10,
});

async function findOrder(id) {
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ?', [id]);
  return rows[0] || null;
}

module.exports = { pool, findOrder };
