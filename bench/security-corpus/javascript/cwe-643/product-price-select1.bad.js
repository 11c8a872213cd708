const express = require('express');
const xpath = require('xpath');
const { DOMParser } = require('@xmldom/xmldom');
const { loadCatalogXml } = require('../services/catalog');

const app = express();

app.get('/api/price', async (req, res) => {
  const sku = req.query.sku.trim();
  const doc = new DOMParser().parseFromString(await loadCatalogXml(), 'text/xml');
  const node = xpath.select1(`//product[@sku='${sku}']/price/text()`, doc);
  res.json({ sku, price: node ? node.nodeValue : null });
});

app.listen(3000);
