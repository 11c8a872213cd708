import Router from '@koa/router';
import { promises as fs } from 'fs';
import path from 'path';

const router = new Router();
const TMP_DIR = '/var/app/tmp';

router.post('/uploads/discard', async (ctx) => {
  const { files } = ctx.request.body as { files: string[] };
  const removed: string[] = [];
  for (const name of files) {
    const target = path.resolve(TMP_DIR, name);
    await fs.unlink(target);
    removed.push(name);
  }
  ctx.body = { removed };
});

export default router;
