const { Pool } = require('pg');

const pool = new Pool();

async function searchOrders(req, res) {
  const status = (req.body.status || '').trim();
  const customerId = Number(req.session.customerId);
  const text = `SELECT id, total, status FROM orders WHERE customer_id = ${customerId} AND status = '${status}' ORDER BY created_at DESC`;
  const result = await pool.query(text);
  res.json(result.rows);
}

module.exports = { searchOrders };
