const express = require('express');
const fs = require('fs');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');

const router = express.Router();
const select = xpath.useNamespaces({ c: 'urn:example:config' });
const VISIBLE_KEYS = ['timezone', 'locale', 'currency', 'page_size'];

router.get('/admin/settings/:key', (req, res) => {
  const key = req.params.key.toLowerCase();
  if (!VISIBLE_KEYS.includes(key)) {
    return res.status(404).json({ error: 'unknown setting' });
  }
  const doc = new DOMParser().parseFromString(fs.readFileSync('/etc/myapp/config.xml', 'utf8'));
  const nodes = select('//c:setting[@name="' + key + '"]/@value', doc);
  res.json({ key, values: nodes.map((n) => n.value) });
});

module.exports = router;
