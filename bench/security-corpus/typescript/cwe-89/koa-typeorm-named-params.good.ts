import Router from '@koa/router';
import { AppDataSource } from '../data-source';
import { Member } from '../entities/Member';

const router = new Router();

router.post('/teams/members/search', async (ctx) => {
  const body = ctx.request.body as { team?: string; role?: string };
  const qb = AppDataSource.getRepository(Member).createQueryBuilder('member').where('member.team = :team', { team: body.team });
  if (body.role) {
    qb.andWhere('member.role = :role', { role: body.role });
  }
  ctx.body = await qb.getMany();
});

export default router;
