const express = require('express');
const { authenticate } = require('../services/auth');

const router = express.Router();
const RETURN_PATHS = ['/dashboard', '/orders', '/account/settings'];

router.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) {
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  req.session.userId = user.id;
  const requested = req.query.returnUrl;
  const returnUrl = RETURN_PATHS.includes(requested) ? requested : '/dashboard';
  res.redirect(returnUrl);
});

module.exports = router;
