const crypto = require('crypto');
const util = require('util');
const { findResetToken, updatePassword } = require('../services/accounts');

const scrypt = util.promisify(crypto.scrypt);

async function resetPassword(req, res) {
  const token = await findResetToken(req.body.token);
  if (!token) {
    return res.status(410).json({ error: 'link expired' });
  }
  const salt = crypto.randomBytes(16);
  const derived = await scrypt(req.body.newPassword, salt, 64);
  await updatePassword(token.accountId, { salt: salt.toString('hex'), hash: derived.toString('hex') });
  res.json({ updated: true });
}

module.exports = { resetPassword };
