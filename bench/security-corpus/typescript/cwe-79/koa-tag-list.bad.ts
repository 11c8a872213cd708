import Router from '@koa/router';

const router = new Router();

router.get('/tags/preview', async (ctx) => {
  const raw = String(ctx.query.tags ?? '');
  const tags = raw.split(',').map((t) => t.trim()).filter(Boolean);
  const items: string[] = [];
  for (const tag of tags) {
    items.push(`<li class="tag">${tag}</li>`);
  }
  ctx.type = 'text/html';
  ctx.body = `<ul class="tags">${items.join('')}</ul>`;
});

export default router;
