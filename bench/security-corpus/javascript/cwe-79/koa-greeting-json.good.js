const Koa = require('koa');
const Router = require('@koa/router');

const router = new Router();

router.get('/welcome', async (ctx) => {
  const name = (ctx.query.name || 'guest').toLowerCase();
  ctx.type = 'application/json';
  ctx.body = { message: `Welcome back, ${name}!` };
});

const app = new Koa();
app.use(router.routes());
app.listen(3000);
