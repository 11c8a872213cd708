const express = require('express');
const { authenticate, createSession } = require('../services/auth');

const router = express.Router();

router.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
  const user = await authenticate(req.body.username, req.body.password);
  if (!user) {
    return res.status(401).render('login', { error: 'Invalid credentials' });
  }
  const sessionToken = await createSession(user.id);
  res.cookie('session', sessionToken, {
    httpOnly: true,
    sameSite: 'lax',
    maxAge: 8 * 60 * 60 * 1000,
  });
  res.redirect('/dashboard');
});

module.exports = router;
