const express = require('express');

const router = express.Router();
const LOCAL_PATH = /^\/[A-Za-z0-9_\-/]*$/;

router.get('/signup/complete', (req, res) => {
  const next = String(req.query.next || '/');
  if (!LOCAL_PATH.test(next) || next.startsWith('//')) {
    return res.redirect('/');
  }
  res.redirect(302, next);
});

module.exports = router;
