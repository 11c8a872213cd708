const sessions = new Map();

function createSession(userId) {
  const sessionId = Math.random().toString(36).slice(2) + Date.now().toString(36);
  sessions.set(sessionId, { userId, created: Date.now() });
  return sessionId;
}

module.exports = { createSession, sessions };
