import type { NextApiRequest, NextApiResponse } from 'next';
import { serialize } from 'cookie';
import { exchangeOAuthCode } from '@/lib/oauth';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const tokens = await exchangeOAuthCode(String(req.query.code));
  const cookie = serialize('access_token', tokens.accessToken, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: tokens.expiresIn });
  res.setHeader('Set-Cookie', cookie);
  res.redirect(302, '/dashboard');
}
