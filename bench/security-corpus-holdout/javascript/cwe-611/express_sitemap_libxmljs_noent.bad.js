const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

app.post('/seo/sitemap/validate', (req, res) => {
  const xml = req.body;
  let doc;
  try {
    doc = libxmljs.parseXml(xml, { noent: true, dtdload: true });
  } catch (e) {
    return res.status(422).json({ error: e.message });
  }
  const ns = { s: 'http://www.sitemaps.org/schemas/sitemap/0.9' };
  const urls = doc.find('//s:url/s:loc', ns).map((n) => n.text());
  res.json({ count: urls.length, urls });
});

app.listen(3000);
