import { Router, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { verifyPassword } from '../services/users';

export const authRouter = Router();

authRouter.post('/auth/login', async (req: Request, res: Response) => {
  const user = await verifyPassword(req.body.username, req.body.password);
  if (!user) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET as string, { expiresIn: '12h' });
  res.cookie('auth', token, { httpOnly: true, secure: false, sameSite: 'strict', maxAge: 12 * 3600 * 1000 });
  res.json({ ok: true });
});
