const express = require('express');
const { searchCatalog } = require('../services/catalog');

const app = express();

app.get('/search', async (req, res) => {
  const q = req.query.q || '';
  const results = await searchCatalog(q);
  let html = '<h1>Results for ' + q + '</h1><ul>';
  for (const item of results) {
    html += '<li>' + Number(item.id) + '</li>';
  }
  html += '</ul>';
  res.send(html);
});

app.listen(3000);
