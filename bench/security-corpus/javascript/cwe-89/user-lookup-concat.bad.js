const express = require('express');
const mysql = require('mysql');

const router = express.Router();
const pool = mysql.createPool({ host: 'db', user: 'app', database: 'shop' });

router.get('/users', (req, res) => {
  const name = req.query.name;
  const sql = "SELECT id, name, email FROM users WHERE name = '" + name + "'";
  pool.query(sql, (err, rows) => {
    if (err) return res.status(500).json({ error: 'query failed' });
    res.json(rows);
  });
});

module.exports = router;
