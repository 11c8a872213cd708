const { getIronSession } = require('iron-session');
const { sessionOptions } = require('../../lib/session');

module.exports = async function handler(req, res) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  const session = await getIronSession(req, res, sessionOptions);
  const profile = { name: req.body.name, plan: req.body.plan };
  session.user = profile;
  await session.save();
  res.status(200).json({ ok: true });
};
