const crypto = require('crypto');
const { promisify } = require('util');

const scrypt = promisify(crypto.scrypt);

async function changePassword(db, userId, newPassword) {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(newPassword, salt, 64, { N: 16384, r: 8, p: 1 });
  await db.query('UPDATE users SET pw_salt = $1, pw_hash = $2 WHERE id = $3', [salt.toString('hex'), key.toString('hex'), userId]);
}

module.exports = { changePassword };
