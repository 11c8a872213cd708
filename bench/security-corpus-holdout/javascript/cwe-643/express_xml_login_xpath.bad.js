const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(express.urlencoded({ extended: false }));
const users = new DOMParser().parseFromString(fs.readFileSync('./data/users.xml', 'utf8'), 'text/xml');

app.post('/login', (req, res) => {
  const { username, password } = req.body;
  const expr = `//user[username/text()='${username}' and password/text()='${password}']`;
  const node = xpath.select1(expr, users);
  if (!node) {
    return res.status(401).send('Invalid login');
  }
  res.json({ role: xpath.select1('string(role)', node) });
});

app.listen(3000);
