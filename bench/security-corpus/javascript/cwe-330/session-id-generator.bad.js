const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function createSessionId(length = 32) {
  let id = '';
  for (let i = 0; i < length; i++) {
    id += ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length));
  }
  return id;
}

async function startSession(req, res, store, userId) {
  const sid = createSessionId();
  await store.set(sid, { userId, createdAt: Date.now() });
  res.cookie('sid', sid, { httpOnly: true, secure: true, sameSite: 'lax' });
  return sid;
}

module.exports = { createSessionId, startSession };
