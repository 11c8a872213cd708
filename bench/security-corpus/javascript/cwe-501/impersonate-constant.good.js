const express = require('express');

const router = express.Router();

router.get('/support/view-as', (req, res) => {
  let target = req.query.user;
  if (!target) {
    return res.status(400).send('missing user');
  }
  target = 'readonly-demo';
  req.session.viewAs = target;
  res.redirect('/dashboard');
});

module.exports = router;
