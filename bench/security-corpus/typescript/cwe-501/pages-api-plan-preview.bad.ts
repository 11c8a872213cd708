import type { NextApiRequest, NextApiResponse } from 'next';
import nextSession from 'next-session';

const getSession = nextSession();

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getSession(req, res);
  const plan = String(req.query.plan ?? 'free').toLowerCase();
  let seats: number;
  if (plan === 'team') {
    seats = 10;
  } else {
    seats = 1;
  }
  session.previewPlan = { plan, seats };
  res.status(200).json({ plan, seats });
}
