import { Router, Request, Response } from 'express';
import { issueAuthorizationCode, findClient } from '../services/oauth';

export const oauthRouter = Router();

oauthRouter.post('/oauth/authorize', async (req: Request, res: Response) => {
  const client = await findClient(String(req.body.client_id));
  const redirectUri: string = req.body.redirect_uri;
  if (!client || !client.redirectUris.includes(redirectUri)) {
    return res.status(400).json({ error: 'invalid_request' });
  }
  const code = await issueAuthorizationCode(client.id);
  const state = encodeURIComponent(String(req.body.state ?? ''));
  res.redirect(302, `${redirectUri}?code=${encodeURIComponent(code)}&state=${state}`);
});
