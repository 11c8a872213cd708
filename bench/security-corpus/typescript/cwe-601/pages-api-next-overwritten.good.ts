import type { NextApiRequest, NextApiResponse } from 'next';
import { clearSession } from '@/lib/session';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'POST') {
    return res.status(405).end();
  }
  await clearSession(req, res);
  let next = String(req.query.next ?? '/');
  const pages = [next, '/account'];
  next = pages[1];
  res.redirect(302, next);
}
