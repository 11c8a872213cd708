import Router from '@koa/router';
import { promises as fs } from 'fs';
import path from 'path';

const router = new Router();
const TMP_DIR = '/var/app/tmp';
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

router.post('/uploads/discard', async (ctx) => {
  const { files } = ctx.request.body as { files: string[] };
  const removed: string[] = [];
  for (const name of files) {
    if (!UPLOAD_ID.test(name)) continue;
    await fs.unlink(path.join(TMP_DIR, name));
    removed.push(name);
  }
  ctx.body = { removed };
});

export default router;
