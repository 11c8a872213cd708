import type { Context, Next } from 'koa';
import jwt from 'jsonwebtoken';

export async function requireAuth(ctx: Context, next: Next) {
  const header = ctx.get('Authorization');
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  try {
    ctx.state.user = jwt.verify(token, 'c0rp-api-jwt-s1gning-secret', { algorithms: ['HS256'] });
  } catch {
    ctx.status = 401;
    ctx.body = { error: 'unauthorized' };
    return;
  }
  await next();
}
