import type { NextApiRequest, NextApiResponse } from 'next';

const TRUSTED_DOMAIN = 'example.com';

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  const next = String(req.query.next ?? '/');
  const trusted = next.startsWith('/') || next.includes(TRUSTED_DOMAIN);
  if (!trusted) {
    return res.redirect(302, '/');
  }
  res.redirect(302, next);
}
