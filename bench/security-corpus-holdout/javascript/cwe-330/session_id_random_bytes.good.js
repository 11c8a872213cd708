const crypto = require('crypto');

const sessions = new Map();

function createSession(userId) {
  const sessionId = crypto.randomBytes(32).toString('base64url');
  sessions.set(sessionId, { userId, created: Date.now() });
  return sessionId;
}

module.exports = { createSession, sessions };
