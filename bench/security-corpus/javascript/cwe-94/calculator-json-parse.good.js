const express = require('express');

const app = express();
app.use(express.json());

const OPERATIONS = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
};

app.post('/api/calculate', (req, res) => {
  const { op, operands } = JSON.parse(req.body.payload);
  const fn = Object.prototype.hasOwnProperty.call(OPERATIONS, op) ? OPERATIONS[op] : null;
  if (!fn || !Array.isArray(operands)) {
    return res.status(422).json({ error: 'unsupported operation' });
  }
  res.json({ value: operands.map(Number).reduce(fn) });
});

app.listen(3000);
