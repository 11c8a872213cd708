const express = require('express');
const crypto = require('crypto');
const db = require('../db');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const { rows } = await db.query('SELECT id, password_hash FROM accounts WHERE username = $1', [username]);
  const digest = crypto.createHash('sha1').update(password, 'utf8').digest('hex');
  if (rows.length === 0 || rows[0].password_hash !== digest) {
    return res.status(401).send('Invalid username or password');
  }
  res.json({ id: rows[0].id });
});

app.listen(3000);
