import Router from '@koa/router';
import fetch from 'node-fetch';

const router = new Router();

router.get('/integrations/github/:owner/:repo', async (ctx) => {
  const owner = encodeURIComponent(ctx.params.owner);
  const repo = encodeURIComponent(ctx.params.repo);
  const response = await fetch(`https://api.github.com/repos/${owner}/${repo}`, {
    headers: { Accept: 'application/vnd.github+json' },
  });
  const data = (await response.json()) as { stargazers_count?: number };
  ctx.body = { stars: data.stargazers_count ?? 0 };
});

export default router;
