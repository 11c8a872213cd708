import Redis from 'ioredis';

export const redis = new Redis({
  host: 'redis.prod.internal',
  port: 6379,
  password: 'r3dis-Pr0d-cache-pass',
  db: 0,
  maxRetriesPerRequest: 3,
});

export async function cacheGet<T>(key: string): Promise<T | null> {
  const raw = await redis.get(key);
  return raw ? (JSON.parse(raw) as T) : null;
}
