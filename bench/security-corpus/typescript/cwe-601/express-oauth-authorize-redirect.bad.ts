import { Router, Request, Response } from 'express';
import { issueAuthorizationCode } from '../services/oauth';

export const oauthRouter = Router();

oauthRouter.post('/oauth/authorize', async (req: Request, res: Response) => {
  const redirectUri: string = req.body.redirect_uri;
  const state: string = req.body.state ?? '';
  const code = await issueAuthorizationCode(String(req.body.client_id));
  const target = `${redirectUri}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}`;
  res.redirect(302, target);
});
