const express = require('express');
const argon2 = require('argon2');
const db = require('../db');

const app = express();
app.use(express.urlencoded({ extended: false }));

app.post('/login', async (req, res) => {
  const { username, password } = req.body;
  const { rows } = await db.query('SELECT id, password_hash FROM accounts WHERE username = $1', [username]);
  const ok = rows.length > 0 && (await argon2.verify(rows[0].password_hash, password));
  if (!ok) {
    return res.status(401).send('Invalid username or password');
  }
  res.json({ id: rows[0].id });
});

app.listen(3000);
