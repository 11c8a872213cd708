import Router from '@koa/router';
import fetch from 'node-fetch';
import Parser from 'rss-parser';

const router = new Router();
const parser = new Parser();

router.post('/feeds/import', async (ctx) => {
  const { feedUrl } = ctx.request.body as { feedUrl: string };
  const url = feedUrl.trim();
  const response = await fetch(url, { redirect: 'follow' });
  const feed = await parser.parseString(await response.text());
  ctx.body = { title: feed.title, items: feed.items.length };
});

export default router;
