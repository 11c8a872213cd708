import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_LENGTH = 40; // ~238 bits
const PREFIX_RANDOM_CHARS = 8;
const KEY_PATTERN = /^codex_sk_(live|test)_[0-9A-Za-z]{40}$/;

export type ApiKeyMode = 'live' | 'test';

function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // Rejection sampling keeps the alphabet uniform.
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export interface GeneratedApiKey {
  /** The whole key, shown to the user once. */
  key: string;
  /** `codex_sk_live_` plus the first characters of the secret: shown in listings and indexed. */
  prefix: string;
  hash: string;
}

export function generateApiKey(mode: ApiKeyMode): GeneratedApiKey {
  const key = `codex_sk_${mode}_${base62(SECRET_LENGTH)}`;
  return { key, prefix: apiKeyPrefix(key), hash: hashApiKey(key) };
}

export function isWellFormedApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function apiKeyPrefix(key: string): string {
  const head = key.startsWith('codex_sk_live_') || key.startsWith('codex_sk_test_') ? 14 : 0;
  return key.slice(0, head + PREFIX_RANDOM_CHARS);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Constant-time comparison of a presented key's hash with a stored one. */
export function apiKeyHashMatches(presentedHash: string, storedHash: string): boolean {
  const a = Buffer.from(presentedHash, 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
