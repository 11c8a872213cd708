const express = require('express');

const router = express.Router();

router.get('/reports/:file', (req, res) => {
  const file = req.params.file;
  res.sendFile(file, { root: '/srv/reports', dotfiles: 'deny' }, (err) => {
    if (err) res.status(err.status || 404).end();
  });
});

module.exports = router;
