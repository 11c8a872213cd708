const crypto = require('crypto');
const { User } = require('../models');

async function signup(req, res) {
  const { email, password } = req.body;
  if (!email || !password || password.length < 8) {
    return res.status(422).json({ error: 'email and 8+ character password required' });
  }
  const passwordHash = crypto.createHash('md5').update(password).digest('hex');
  const user = await User.create({ email: email.toLowerCase(), passwordHash });
  res.status(201).json({ id: user.id });
}

module.exports = { signup };
