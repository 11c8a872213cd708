import type { Context, Next } from 'koa';
import jwt from 'jsonwebtoken';
import { SecretsManagerClient, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';

const secrets = new SecretsManagerClient({});
const signingKey = secrets
  .send(new GetSecretValueCommand({ SecretId: 'prod/api/jwt-signing-key' }))
  .then((out) => out.SecretString as string);

export async function requireAuth(ctx: Context, next: Next) {
  const header = ctx.get('Authorization');
  const token = header.startsWith('Bearer ') ? header.slice(7) : '';
  try {
    ctx.state.user = jwt.verify(token, await signingKey, { algorithms: ['HS256'] });
  } catch {
    ctx.status = 401;
    return;
  }
  await next();
}
