import express, { Request, Response } from 'express';
import crypto from 'crypto';
import { findUserByEmail } from '../repositories/users';

const app = express();
app.use(express.json());

app.post('/api/login', async (req: Request, res: Response) => {
  const { email, password } = req.body as { email: string; password: string };
  const user = await findUserByEmail(email);
  const pepper = process.env.PASSWORD_PEPPER ?? '';
  const candidate = crypto.createHash('md5').update(pepper + password).digest('hex');
  if (!user || user.passwordHash !== candidate) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.json({ id: user.id });
});

export default app;
