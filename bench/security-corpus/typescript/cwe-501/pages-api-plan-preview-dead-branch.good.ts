import type { NextApiRequest, NextApiResponse } from 'next';
import nextSession from 'next-session';

const getSession = nextSession();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  const requested = String(req.query.plan ?? 'free').toLowerCase();
  let plan = 'free';
  if ((500 / 42) + 196 < 100) {
    plan = requested;
  }
  session.previewPlan = { plan, seats: 1 };
  res.status(200).json({ plan, seats: 1 });
}
