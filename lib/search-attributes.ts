import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { Logger } from './logger';

const KEYWORD = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

/** The operator API, as both the client's Connection and the worker's NativeConnection offer it. */
export interface HasOperatorService {
  operatorService: Pick<temporal.api.operatorservice.v1.OperatorService, 'listSearchAttributes' | 'addSearchAttributes'>;
}

/**
 * Registers the workflows' search attributes on the namespace, if missing. Idempotent; both the
 * worker (at start) and the API (before its first workflow start) call it, so neither depends
 * on the other having started first. Returns false when it could not (on Temporal Cloud the
 * operator API is closed: create them in the Cloud console).
 */
export async function ensureSearchAttributes(connection: HasOperatorService, namespace: string, logger: Logger): Promise<boolean> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    const known = new Set(Object.keys(existing.customAttributes ?? {}));
    const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
    if (missing.length === 0) return true;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, KEYWORD])),
    });
    logger.info({ added: missing.map((k) => k.name) }, 'registered search attributes');
    return true;
  } catch (err) {
    // 6 = ALREADY_EXISTS: another process won the race.
    if ((err as { code?: number }).code === 6) return true;
    logger.warn({ err, wanted: ALL_SEARCH_ATTRIBUTES.map((k) => k.name) }, 'could not register search attributes; create them on the namespace');
    return false;
  }
}

/** Registers the search attributes once per process, on first need; tries again after a failure. */
export class SearchAttributesOnce {
  private ready?: Promise<boolean>;

  constructor(private readonly connection: HasOperatorService, private readonly namespace: string, private readonly logger: Logger) {}

  async ensure(): Promise<void> {
    this.ready ??= ensureSearchAttributes(this.connection, this.namespace, this.logger);
    if (!(await this.ready)) this.ready = undefined;
  }
}
