const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const router = express.Router();
const usersDoc = new DOMParser().parseFromString(fs.readFileSync('/etc/myapp/users.xml', 'utf8'), 'text/xml');
const loginQuery = xpath.parse('//user[username/text()=$username and pin/text()=$pin]');

router.post('/legacy/login', express.urlencoded({ extended: false }), (req, res) => {
  const username = String(req.body.username);
  const pin = String(req.body.pin);
  const match = loginQuery.select({ node: usersDoc, variables: { username, pin } });
  if (match.length === 0) {
    return res.status(401).send('login failed');
  }
  res.json({ id: String(match[0].getAttribute('id')) });
});

module.exports = router;
