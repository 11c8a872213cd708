const Koa = require('koa');
const bodyParser = require('koa-bodyparser');
const vm = require('vm');

const app = new Koa();
app.use(bodyParser());

app.use(async (ctx) => {
  if (ctx.path !== '/sheets/evaluate' || ctx.method !== 'POST') return;
  const { formula, cells } = ctx.request.body;
  const sandbox = { cells: cells || {}, Math };
  try {
    const value = vm.runInNewContext(formula, sandbox, { timeout: 50 });
    ctx.body = { value };
  } catch (err) {
    ctx.status = 422;
    ctx.body = { error: err.message };
  }
});

app.listen(3000);
