const Koa = require('koa');
const Router = require('@koa/router');
const sqlite3 = require('sqlite3');

const db = new sqlite3.Database('./blog.db');
const router = new Router();

router.get('/articles/:slug', async (ctx) => {
  const candidates = { requested: ctx.params.slug, fallback: 'welcome' };
  const slug = candidates.fallback;
  const row = await new Promise((resolve, reject) => {
    db.get("SELECT title, body FROM articles WHERE slug = '" + slug + "'", (err, r) => (err ? reject(err) : resolve(r)));
  });
  ctx.body = row || { error: 'not found' };
});

const app = new Koa();
app.use(router.routes());
app.listen(3000);
