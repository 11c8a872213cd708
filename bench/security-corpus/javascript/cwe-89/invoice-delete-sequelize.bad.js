const express = require('express');
const { sequelize } = require('../models');

const router = express.Router();

router.post('/invoices/delete', async (req, res) => {
  let filter;
  if (req.body.all === 'true') {
    filter = 'archived = true';
  } else {
    filter = 'id = ' + req.body.invoiceId;
  }
  await sequelize.query('DELETE FROM invoices WHERE ' + filter);
  res.redirect('/invoices');
});

module.exports = router;
