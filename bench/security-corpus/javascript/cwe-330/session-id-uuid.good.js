const crypto = require('crypto');

function createSessionId() {
  return crypto.randomUUID();
}

async function startSession(req, res, store, userId) {
  const sid = createSessionId();
  await store.set(sid, { userId, createdAt: Date.now() });
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  return sid;
}

module.exports = { createSessionId, startSession };
