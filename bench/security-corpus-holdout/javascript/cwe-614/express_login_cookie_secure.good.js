const express = require('express');
const { authenticate, createToken } = require('./auth');

const router = express.Router();

router.post('/login', async (req, res) => {
  const user = await authenticate(req.body.email, req.body.password);
  if (!user) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const token = createToken(user);
  res.cookie('session', token, { httpOnly: true, secure: true, sameSite: 'lax', maxAge: 8 * 3600 * 1000 });
  res.json({ ok: true });
});

module.exports = router;
