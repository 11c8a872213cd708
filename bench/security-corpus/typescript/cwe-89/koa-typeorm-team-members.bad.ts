import Router from '@koa/router';
import { AppDataSource } from '../data-source';
import { Member } from '../entities/Member';

const router = new Router();

router.post('/teams/members/search', async (ctx) => {
  const body = ctx.request.body as { team?: string; role?: string };
  let condition = `member.team = '${body.team}'`;
  if (body.role) {
    condition += ` AND member.role = '${body.role}'`;
  }
  const members = await AppDataSource.getRepository(Member).createQueryBuilder('member').where(condition).getMany();
  ctx.body = members;
});

export default router;
