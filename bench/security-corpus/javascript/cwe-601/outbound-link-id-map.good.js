const express = require('express');
const { recordClick } = require('../services/analytics');

const app = express();
const PARTNER_LINKS = new Map([
  ['docs', 'https://docs.example.org/start'],
  ['status', 'https://status.example.org'],
]);

app.get('/out', (req, res) => {
  const key = String(req.query.to || '');
  const destination = PARTNER_LINKS.get(key) || '/';
  recordClick(key);
  res.writeHead(302, { Location: destination });
  res.end();
});

app.listen(3000);
