const express = require('express');
const escapeHtml = require('escape-html');
const { searchArticles } = require('./search');

const app = express();

app.get('/search', async (req, res) => {
  const q = req.query.q || '';
  const hits = await searchArticles(q);
  const count = hits.length;
  res.send(`<!doctype html><title>Search</title><h1>${count} results for "${escapeHtml(q)}"</h1>`);
});

app.listen(3000);
