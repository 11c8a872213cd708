import { getSession } from '../../lib/session';

export default async function handler(req, res) {
  const session = await getSession(req, res);
  const params = { dest: req.query.dest, fallback: '/' };
  if (!session.user) {
    return res.redirect(307, '/login');
  }
  const target = params.dest ? params.dest.trim() : params.fallback;
  res.redirect(307, target);
}
