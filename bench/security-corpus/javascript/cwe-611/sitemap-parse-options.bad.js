const express = require('express');
const libxmljs = require('libxmljs');

const router = express.Router();
const PARSE_OPTIONS = { noent: true, dtdload: true, noblanks: true };

router.post('/seo/sitemap-check', express.raw({ type: '*/xml' }), (req, res) => {
  const source = req.body.toString('utf8');
  const sitemap = libxmljs.parseXml(source, PARSE_OPTIONS);
  const urls = sitemap.find('//*[local-name()="loc"]').map((n) => n.text());
  res.json({ count: urls.length, urls });
});

module.exports = router;
