const express = require('express');
const { loadRows } = require('./data');

const app = express();

const OPS = {
  eq: (a, b) => a == b,
  gt: (a, b) => Number(a) > Number(b),
  lt: (a, b) => Number(a) < Number(b),
  contains: (a, b) => String(a).includes(b),
};

app.get('/reports/:id/rows', async (req, res) => {
  const rows = await loadRows(req.params.id);
  const { field, op, value } = req.query;
  const cmp = OPS[op];
  if (!field || !Object.prototype.hasOwnProperty.call(OPS, op)) {
    return res.json(rows);
  }
  res.json(rows.filter((row) => cmp(row[field], value)));
});

app.listen(3000);
