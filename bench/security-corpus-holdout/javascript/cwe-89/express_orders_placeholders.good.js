const express = require('express');
const mysql = require('mysql2/promise');

const router = express.Router();
const pool = mysql.createPool({ host: 'db', user: 'shop', database: 'shop' });

router.get('/orders', async (req, res, next) => {
  try {
    const { status, customer } = req.query;
    let sql = 'SELECT id, total, status FROM orders WHERE customer_id = ?';
    const params = [customer];
    if (status) {
      sql += ' AND status = ?';
      params.push(status);
    }
    const [rows] = await pool.execute(sql, params);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
