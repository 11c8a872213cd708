const crypto = require('crypto');

function hashPassword(plain, salt) {
  const h = crypto.createHash('sha1');
  h.update(salt);
  h.update(plain);
  return h.digest('base64');
}

async function changePassword(db, userId, newPassword) {
  const salt = crypto.randomBytes(8).toString('hex');
  const hash = hashPassword(newPassword, salt);
  await db.query('UPDATE users SET pw_salt = $1, pw_hash = $2 WHERE id = $3', [salt, hash, userId]);
}

module.exports = { changePassword };
