const express = require('express');
const axios = require('axios');
const cheerio = require('cheerio');

const router = express.Router();
const ALLOWED_HOSTS = new Set(['www.example.com', 'blog.example.com', 'docs.example.com']);

router.get('/api/link-preview', async (req, res) => {
  let parsed;
  try {
    parsed = new URL(String(req.query.url));
  } catch (e) {
    return res.status(400).json({ error: 'invalid url' });
  }
  if (parsed.protocol !== 'https:' || !ALLOWED_HOSTS.has(parsed.hostname)) {
    return res.status(400).json({ error: 'host not permitted' });
  }
  const response = await axios.get(parsed.toString(), { timeout: 5000, maxRedirects: 0 });
  const $ = cheerio.load(response.data);
  res.json({ title: $('title').text() });
});

module.exports = router;
