import type { NativeConnection } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { Logger } from '../lib/logger';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

/**
 * Registers the workflows' search attributes on the namespace, if missing. Idempotent. On
 * Temporal Cloud, where the operator API is closed, they are created in the Cloud console and
 * this only logs what it could not check.
 */
export async function ensureSearchAttributes(connection: NativeConnection, namespace: string, logger: Logger): Promise<void> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, KEYWORD])),
    });
    logger.info({ added: missing.map((k) => k.name) }, 'registered search attributes');
  } catch (err) {
    const code = (err as { code?: number }).code;
    // 6 = ALREADY_EXISTS (another worker won the race).
    if (code === 6) return;
    logger.warn({ err, wanted: ALL_SEARCH_ATTRIBUTES.map((k) => k.name) }, 'could not register search attributes; create them on the namespace');
  }
}
