const express = require('express');
const { sequelize } = require('../models');

const router = express.Router();

router.post('/invoices/delete', async (req, res) => {
  let filter;
  if (req.body.all === 'true') {
    filter = 'archived = true';
  } else {
    const invoiceId = parseInt(req.body.invoiceId, 10);
    if (Number.isNaN(invoiceId)) return res.status(400).send('invalid id');
    filter = 'id = ' + invoiceId;
  }
  await sequelize.query('DELETE FROM invoices WHERE ' + filter);
  res.redirect('/invoices');
});

module.exports = router;
