const Koa = require('koa');
const bodyParser = require('koa-bodyparser');

const app = new Koa();
app.use(bodyParser());

const AGGREGATES = {
  SUM: (xs) => xs.reduce((a, b) => a + b, 0),
  MIN: (xs) => Math.min(...xs),
  MAX: (xs) => Math.max(...xs),
};

app.use(async (ctx) => {
  if (ctx.path !== '/sheets/evaluate' || ctx.method !== 'POST') return;
  const { fn, refs = [], cells = {} } = ctx.request.body;
  const agg = AGGREGATES[String(fn).toUpperCase()];
  if (!agg || !Array.isArray(refs)) {
    ctx.status = 422;
    ctx.body = { error: 'unsupported function' };
    return;
  }
  ctx.body = { value: agg(refs.map((r) => Number(cells[r]) || 0)) };
});

app.listen(3000);
