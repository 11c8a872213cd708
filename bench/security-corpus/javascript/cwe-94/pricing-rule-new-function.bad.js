const express = require('express');

const router = express.Router();

router.post('/pricing/preview', (req, res) => {
  const rule = req.body.rule;
  const basePrice = Number(req.body.basePrice) || 0;
  const body = 'return ' + rule.trim() + ';';
  const compute = new Function('price', 'qty', body);
  const total = compute(basePrice, 1);
  res.json({ total });
});

module.exports = router;
