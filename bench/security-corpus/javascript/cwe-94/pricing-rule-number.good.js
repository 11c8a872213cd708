const express = require('express');

const router = express.Router();

router.post('/pricing/preview', (req, res) => {
  const discount = Number.parseFloat(req.body.discount);
  const basePrice = Number(req.body.basePrice) || 0;
  if (!Number.isFinite(discount) || discount < 0 || discount > 1) {
    return res.status(400).json({ error: 'discount must be between 0 and 1' });
  }
  const compute = new Function('price', 'qty', 'rate', 'return price * qty * (1 - rate);');
  const total = compute(basePrice, 1, discount);
  res.json({ total });
});

module.exports = router;
