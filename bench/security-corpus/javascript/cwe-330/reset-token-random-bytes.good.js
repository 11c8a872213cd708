const express = require('express');
const crypto = require('crypto');
const { User, PasswordReset } = require('../models');
const { sendResetEmail } = require('../services/mailer');

const router = express.Router();

router.post('/password/forgot', express.json(), async (req, res) => {
  const user = await User.findOne({ where: { email: String(req.body.email).toLowerCase() } });
  if (user) {
    const token = crypto.randomBytes(32).toString('hex');
    await PasswordReset.create({ userId: user.id, token, expiresAt: Date.now() + 3600 * 1000 });
    await sendResetEmail(user.email, `https://app.example.com/reset?token=${token}`);
  }
  res.json({ message: 'If the address exists, a reset link has been sent.' });
});

module.exports = router;
