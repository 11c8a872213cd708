const express = require('express');
const { XMLParser } = require('fast-xml-parser');

const router = express.Router();
const parser = new XMLParser({ ignoreAttributes: true });

router.post('/seo/sitemap-check', express.raw({ type: '*/xml' }), (req, res) => {
  const source = req.body.toString('utf8');
  const sitemap = parser.parse(source);
  const entries = [].concat((sitemap.urlset && sitemap.urlset.url) || []);
  const urls = entries.map((u) => u.loc);
  res.json({ count: urls.length, urls });
});

module.exports = router;
