import express, { Request, Response } from 'express';
import argon2 from 'argon2';
import { findUserByEmail } from '../repositories/users';

const app = express();
app.use(express.json());

app.post('/api/login', async (req: Request, res: Response) => {
  const { email, password } = req.body as { email: string; password: string };
  const user = await findUserByEmail(email);
  const valid = user ? await argon2.verify(user.passwordHash, password) : false;
  if (!user || !valid) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ id: user.id });
});

export default app;
