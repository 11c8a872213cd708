const crypto = require('crypto');

async function issueRememberMe(req, res, db, userId) {
  const token = crypto.randomBytes(32).toString('base64url');
  await db.query('INSERT INTO remember_tokens (user_id, token_hash) VALUES ($1, $2)', [
    userId,
    crypto.createHash('sha256').update(token).digest('hex'),
  ]);
  res.cookie('remember_me', token, { httpOnly: true, secure: false, maxAge: 30 * 24 * 3600 * 1000 });
}

module.exports = { issueRememberMe };
