import type { Context, Next } from 'koa';

const SAMPLE_RATE = Number(process.env.LOG_SAMPLE_RATE ?? '0.05');

export async function sampledAccessLog(ctx: Context, next: Next) {
  const started = Date.now();
  await next();
  const sampled = ctx.status >= 500 || Math.random() < SAMPLE_RATE;
  if (sampled) {
    console.log(JSON.stringify({
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      ms: Date.now() - started,
    }));
  }
}
