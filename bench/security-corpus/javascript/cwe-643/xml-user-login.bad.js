const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const router = express.Router();
const usersDoc = new DOMParser().parseFromString(fs.readFileSync('/etc/myapp/users.xml', 'utf8'), 'text/xml');

router.post('/legacy/login', express.urlencoded({ extended: false }), (req, res) => {
  const username = req.body.username;
  const pin = req.body.pin;
  const query = "//user[username/text()='" + username + "' and pin/text()='" + pin + "']";
  const match = xpath.select(query, usersDoc);
  if (match.length === 0) {
    return res.status(401).send('login failed');
  }
  res.json({ id: String(match[0].getAttribute('id')) });
});

module.exports = router;
