const express = require('express');
const crypto = require('crypto');
const { User } = require('../models');

const router = express.Router();

router.post('/register', express.json(), async (req, res) => {
  const { email, password } = req.body;
  if (!email || !password || password.length < 8) {
    return res.status(400).json({ error: 'email and a password of 8+ characters are required' });
  }
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  const user = await User.create({ email: email.toLowerCase(), passwordHash });
  res.status(201).json({ id: user.id });
});

module.exports = router;
