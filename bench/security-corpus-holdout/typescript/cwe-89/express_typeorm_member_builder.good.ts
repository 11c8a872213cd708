import { Request, Response, Router } from 'express';
import { AppDataSource } from '../data-source';
import { Member } from '../entity/Member';

const router = Router();

router.get('/members/lookup', async (req: Request, res: Response) => {
  const email = String(req.query.email ?? '');
  if (!email.includes('@')) {
    return res.status(400).json({ message: 'email expected' });
  }
  const member = await AppDataSource.getRepository(Member)
    .createQueryBuilder('m')
    .select(['m.id', 'm.email', 'm.plan'])
    .where('lower(m.email) = lower(:email)', { email })
    .getOne();
  return res.json(member ?? null);
});

export default router;
