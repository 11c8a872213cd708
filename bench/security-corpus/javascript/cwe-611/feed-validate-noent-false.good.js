const express = require('express');
const libxml = require('libxmljs2');

const router = express.Router();

router.post('/feeds/validate', express.urlencoded({ extended: false, limit: '1mb' }), (req, res) => {
  const feed = (req.body.feed || '').trim();
  try {
    const doc = libxml.parseXmlString(feed, { noent: false, nonet: true });
    const items = doc.find('//item/title').map((n) => n.text());
    res.json({ valid: true, items });
  } catch (e) {
    res.status(422).json({ valid: false });
  }
});

module.exports = router;
