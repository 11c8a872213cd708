const express = require('express');
const { authenticate } = require('../services/auth');

const router = express.Router();

router.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) {
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  const returnUrl = req.query.returnUrl || '/dashboard';
  res.redirect(returnUrl);
});

module.exports = router;
