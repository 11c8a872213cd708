const { Pool } = require('pg');

const pool = new Pool();

async function searchOrders(req, res) {
  const status = (req.body.status || '').trim();
  const customerId = req.session.customerId;
  const text = 'SELECT id, total, status FROM orders WHERE customer_id = $1 AND status = $2 ORDER BY created_at DESC';
  const result = await pool.query(text, [customerId, status]);
  res.json(result.rows);
}

module.exports = { searchOrders };
