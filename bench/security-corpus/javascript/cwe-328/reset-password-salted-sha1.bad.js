const crypto = require('crypto');
const { findResetToken, updatePassword } = require('../services/accounts');

async function resetPassword(req, res) {
  const token = await findResetToken(req.body.token);
  if (!token) {
    return res.status(410).json({ error: 'link expired' });
  }
  const salt = crypto.randomBytes(16).toString('hex');
  const hasher = crypto.createHash('sha1');
  hasher.update(salt + req.body.newPassword);
  await updatePassword(token.accountId, { salt, hash: hasher.digest('hex') });
  res.json({ updated: true });
}

module.exports = { resetPassword };
