import { createHash, randomBytes } from 'node:crypto';

/** The type prefixes of public IDs (API.md: "IDs carry a type prefix"). */
export const IdPrefix = {
  user: 'user_',
  task: 'task_',
  orchestration: 'orch_',
  visualization: 'viz_',
  comment: 'cmt_',
  share: 'shr_',
  subscription: 'sub_',
  request: 'req_',
  agent: 'agent_',
  apiKey: 'key_',
  session: 'ses_',
  refreshToken: 'rt_',
  blob: 'blob_',
  analysis: 'ana_',
  audit: 'aud_',
} as const;
export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

// Random bytes are drawn 4 KiB at a time: one call to the CSPRNG per 256 IDs, not one per ID.
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function takeRandomBytes(length: number): Buffer {
  if (length > POOL_SIZE) return randomBytes(length);
  if (poolOffset + length > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

/** Random base32 text; 5 bits of entropy per character. */
export function randomBase32(length: number): string {
  const bytes = takeRandomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! & 31];
  return out;
}

/** A new ID of the given kind, e.g. `task_7K2M9QW4XH8TZ1RB` (80 random bits). */
export function newId(kind: keyof typeof IdPrefix): string {
  return IdPrefix[kind] + randomBase32(16);
}

/** True when `value` looks like an ID of that kind (cheap check before touching the database). */
export function isId(kind: keyof typeof IdPrefix, value: string): boolean {
  const prefix = IdPrefix[kind];
  return value.startsWith(prefix) && /^[0-9A-Z]{8,64}$/.test(value.slice(prefix.length));
}

/**
 * The same parts always give the same ID: for idempotency (a request's Idempotency-Key, the
 * n-th agent of an orchestration), so a retry finds what the first try made.
 */
export function derivedId(kind: keyof typeof IdPrefix, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\0')).digest();
  let out = '';
  for (let i = 0; i < 16; i++) out += ALPHABET[digest[i]! & 31];
  return IdPrefix[kind] + out;
}
