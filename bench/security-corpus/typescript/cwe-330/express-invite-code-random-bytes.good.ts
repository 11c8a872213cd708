import { Router, Request, Response } from 'express';
import { randomBytes } from 'crypto';
import { saveInvite } from '../repositories/invites';

export const invitesRouter = Router();

invitesRouter.post('/teams/:teamId/invites', async (req: Request, res: Response) => {
  const teamId = Number(req.params.teamId);
  const code = randomBytes(12).toString('base64url');
  await saveInvite({ teamId, code, expiresAt: new Date(Date.now() + 7 * 86400000) });
  res.status(201).json({ link: `https://app.example.com/join/${code}` });
});
