const express = require('express');
const libxmljs = require('libxmljs');

const app = express();
app.use(express.text({ type: ['application/xml', 'text/xml'] }));

app.post('/api/invoices/import', (req, res) => {
  const xml = req.body;
  const doc = libxmljs.parseXml(xml, { noent: true });
  const number = doc.get('//invoice/number');
  const total = doc.get('//invoice/total');
  res.json({ number: number ? number.text() : null, total: total ? total.text() : null });
});

app.listen(3000);
