import { Request, Response, Router } from 'express';
import { AppDataSource } from '../data-source';

const router = Router();

router.get('/members/lookup', async (req: Request, res: Response) => {
  const email = String(req.query.email ?? '');
  if (!email.includes('@')) {
    return res.status(400).json({ message: 'email expected' });
  }
  const sql = "SELECT id, email, plan FROM members WHERE lower(email) = lower('" + email + "')";
  const rows: Array<{ id: number; email: string; plan: string }> = await AppDataSource.query(sql);
  return res.json(rows[0] ?? null);
});

export default router;
