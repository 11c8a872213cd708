const Koa = require('koa');
const session = require('koa-session');

const app = new Koa();
app.keys = [process.env.COOKIE_KEY];
app.use(session(app));

app.use(async (ctx, next) => {
  if (ctx.path === '/cart/claim') {
    const owner = ctx.query.owner;
    ctx.session.cartOwner = owner;
    ctx.body = { cartOwner: owner };
    return;
  }
  await next();
});

app.listen(3000);
