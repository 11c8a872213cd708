const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const app = express();
app.use(express.urlencoded({ extended: false }));
const users = new DOMParser().parseFromString(fs.readFileSync('./data/users.xml', 'utf8'), 'text/xml');
const LOGIN = xpath.parse('//user[username/text()=$username and password/text()=$password]');

app.post('/login', (req, res) => {
  const { username, password } = req.body;
  const nodes = LOGIN.select({ node: users, variables: { username: String(username), password: String(password) } });
  if (nodes.length === 0) {
    return res.status(401).send('Invalid login');
  }
  res.json({ role: xpath.select1('string(role)', nodes[0]) });
});

app.listen(3000);
