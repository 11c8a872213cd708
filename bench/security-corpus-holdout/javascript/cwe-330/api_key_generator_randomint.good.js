const { randomInt } = require('crypto');

const CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

async function issueApiKey(db, accountId) {
  let key = 'ak_';
  for (let i = 0; i < 40; i++) {
    key += CHARS[randomInt(CHARS.length)];
  }
  await db.apiKeys.insert({ accountId, key, createdAt: new Date() });
  return key;
}

module.exports = { issueApiKey };
