const Koa = require('koa');
const Router = require('@koa/router');

const router = new Router();

router.get('/welcome', async (ctx) => {
  const name = (ctx.query.name || 'guest').toLowerCase();
  ctx.type = 'html';
  ctx.body = `<!doctype html><html><body><p>Welcome back, ${name}!</p></body></html>`;
});

const app = new Koa();
app.use(router.routes());
app.listen(3000);
