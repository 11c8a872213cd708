import Router from '@koa/router';
import { safeLoad } from 'js-yaml';

const router = new Router();

type Draft = { title: string; body: string; savedAt: string };

router.post('/drafts/restore', async (ctx) => {
  const { blob } = ctx.request.body as { blob?: string };
  const candidates: string[] = [];
  if (blob) {
    candidates.push(blob.trim());
  }
  const drafts = candidates.map((c) => safeLoad(c) as Draft);
  ctx.body = { restored: drafts.length, titles: drafts.map((d) => String(d.title)) };
});

export default router;
