const express = require('express');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const { loadCatalogXml } = require('../services/catalog');

const app = express();
const SKU_PATTERN = /^[A-Z0-9-]{4,20}$/;

app.get('/api/price', async (req, res) => {
  const sku = String(req.query.sku || '').trim();
  if (!SKU_PATTERN.test(sku)) {
    return res.status(400).json({ error: 'invalid sku' });
  }
  const doc = new DOMParser().parseFromString(await loadCatalogXml(), 'text/xml');
  const node = xpath.select1(`//product[@sku='${sku}']/price/text()`, doc);
  res.json({ sku, price: node ? node.nodeValue : null });
});

app.listen(3000);
