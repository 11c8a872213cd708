const express = require('express');

const router = express.Router();

router.get('/signup/complete', (req, res) => {
  const next = String(req.query.next || '/');
  if (!next.startsWith('/')) {
    return res.redirect('/');
  }
  res.redirect(302, next);
});

module.exports = router;
