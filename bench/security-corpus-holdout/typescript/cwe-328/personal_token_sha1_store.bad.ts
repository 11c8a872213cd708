import { createHash, randomBytes } from 'node:crypto';
import { db } from './db';

export async function createPersonalAccessToken(userId: string, label: string): Promise<string> {
  const secret = randomBytes(24).toString('hex');
  const stored = createHash('sha1').update(secret).digest('hex');
  await db.insertInto('access_tokens').values({ user_id: userId, label, token_hash: stored }).execute();
  return `pat_${secret}`;
}
