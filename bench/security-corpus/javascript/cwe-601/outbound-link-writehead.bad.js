const express = require('express');
const { recordClick } = require('../services/analytics');

const app = express();

app.get('/out', (req, res) => {
  const destination = decodeURIComponent(String(req.query.to || ''));
  recordClick(destination);
  res.writeHead(302, { Location: destination });
  res.end();
});

app.listen(3000);
