const express = require('express');
const axios = require('axios');
const cheerio = require('cheerio');

const router = express.Router();

router.get('/api/link-preview', async (req, res) => {
  const target = req.query.url;
  try {
    const response = await axios.get(target, { timeout: 5000 });
    const $ = cheerio.load(response.data);
    res.json({ title: $('title').text(), description: $('meta[name=description]').attr('content') });
  } catch (e) {
    res.status(502).json({ error: 'could not fetch preview' });
  }
});

module.exports = router;
