import type { Db } from '../../db/connection';
import { claimIdempotencyKey, requestHash } from '../../db/repositories/idempotency.repository';
import { ApiError } from '../errors';

/**
 * Claims an `Idempotency-Key` for the resource a request is about to create, in `trx` (the
 * transaction that creates it: a concurrent request with the same key waits for it, then finds it).
 *
 * @returns undefined when the key is now this request's (create the resource); the ID of the
 *   resource it already names when the same request (same canonical body) is replayed.
 * @throws ApiError CONFLICT (409, `details: {reason: "idempotency_key_reused", <idField>: <id>}`)
 *   when the key was sent with another body.
 */
export async function claimOrReplay(
  trx: Db,
  input: { userId: string; scope: 'execute' | 'orchestrate' | 'visualize' | 'create_agent'; key: string; body: unknown; resourceId: string; idField: 'task_id' | 'orchestration_id' | 'visualization_id' | 'id' },
): Promise<string | undefined> {
  const claim = await claimIdempotencyKey(trx, { userId: input.userId, scope: input.scope, key: input.key, requestSha256: requestHash(input.body), resourceId: input.resourceId });
  if (claim.claimed) return undefined;
  if (!claim.sameRequest) {
    throw ApiError.conflict('This Idempotency-Key was sent with another request body: use a new key for a new request', {
      reason: 'idempotency_key_reused',
      [input.idField]: claim.resourceId,
    });
  }
  return claim.resourceId;
}
