import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export async function cachedRender(redis: Redis, templateId: string, props: Record<string, unknown>, render: () => Promise<string>): Promise<string> {
  const key = 'render:' + createHash('md5').update(templateId + JSON.stringify(props)).digest('hex');
  const hit = await redis.get(key);
  if (hit) return hit;
  const html = await render();
  await redis.set(key, html, 'EX', 300);
  return html;
}
