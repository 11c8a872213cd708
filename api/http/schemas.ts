import { z } from 'zod';
import { ErrorCode } from '../errors';

/** The contract's error envelope, for the OpenAPI document. */
const IsoDateTimeField = z.string().meta({ format: 'date-time' });

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ErrorCode) as [keyof typeof ErrorCode, ...(keyof typeof ErrorCode)[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      request_id: z.string().meta({ example: 'req_7K2M9QW4XH8TZ1RB' }),
      documentation_url: z.string(),
      retry_after: z.int().optional().meta({ description: 'RATE_LIMIT_EXCEEDED: seconds until the window resets (also the `Retry-After` header)' }),
      tier: z.string().optional().meta({ description: 'RATE_LIMIT_EXCEEDED: the caller\'s tier (absent on register, login and refresh)' }),
      limit: z.int().optional().meta({ description: 'RATE_LIMIT_EXCEEDED: requests allowed per minute' }),
      reset_at: IsoDateTimeField.optional().meta({ description: 'RATE_LIMIT_EXCEEDED: when the window resets' }),
    }),
  })
  .meta({ id: 'Error' });

/**
 * Text that must hold more than whitespace, trimmed, of at most `max` characters. The rule is
 * stated in the document as `pattern: \S` (a minimum length would not say that "\r" is blank).
 */
export function nonBlankText(max: number) {
  return z.string().regex(/\S/, 'must not be blank').trim().max(max);
}

export const SuccessResponse = z.object({ success: z.literal(true) });

export const IsoDateTime = z.string().meta({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' });

/**
 * A keyset-pagination cursor: the ID of the previous page's last item (`task_…`, `orch_…`), as
 * `next_cursor` gave it. One that names none of the caller's items gives an empty page; anything
 * else is 400 (the document states the pattern, so clients and fuzzers know the form).
 */
export function pageCursor(prefix: 'task_' | 'orch_' | 'cmt_' | 'user_' | 'aud_') {
  return z
    .string()
    .regex(new RegExp(`^${prefix}[0-9A-Z]{8,64}$`), `must be a next_cursor this API returned (${prefix}…)`)
    .optional()
    .meta({ description: `\`next_cursor\` of the previous page (the ID of its last item, ${prefix}…)`, example: `${prefix}7K2M9QW4XH8TZ1RB` });
}

/**
 * The `Idempotency-Key` request header: 1 to 255 visible ASCII characters (RFC 9110 token-ish, as
 * Stripe's). The same key and body return what the first request made, for 24 hours.
 */
export const IdempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .meta({ description: 'Makes a retried request return what the first one started (kept 24 hours); a new request needs a new key' }),
});

/** A tier of API.md's table, as a request or answer field. */
export const TierName = z.enum(['free', 'pro', 'team', 'enterprise'], { error: 'must be one of: free, pro, team, enterprise' });

/** A query bound: an ISO 8601 date (`2026-11-29`, its whole day in UTC) or date and time with an offset. */
export const IsoDateQuery = z.union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'must be an ISO 8601 date (2026-11-29) or date and time (2026-11-29T12:00:00Z)' });

/** The last millisecond an `IsoDateQuery` upper bound names: a date alone is its whole day (UTC), inclusive. */
export function endOfDateQuery(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(`${to}T23:59:59.999Z`) : new Date(to);
}
