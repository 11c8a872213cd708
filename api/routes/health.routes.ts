import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { ApiRoutes } from '../http/routes';

export interface ReadinessProbe {
  /** Resolves when the dependency answers; rejects otherwise. */
  (): Promise<unknown>;
}

const CHECK_TIMEOUT_MS = 3_000;

async function check(probe: ReadinessProbe): Promise<{ ok: boolean; latency_ms: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latency_ms: Date.now() - started };
  } catch (err) {
    return { ok: false, latency_ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

const CheckResult = z.object({ ok: z.boolean(), latency_ms: z.number(), error: z.string().optional() });
const Readiness = z.object({ status: z.enum(['ready', 'not_ready']), checks: z.object({ database: CheckResult, temporal: CheckResult }) });

export function registerHealthRoutes(routes: ApiRoutes, deps: { db: Db; temporalProbe: ReadinessProbe }): void {
  routes.add({
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    tag: 'Health',
    summary: 'Liveness: the process is up',
    auth: false,
    response: { schema: z.object({ status: z.literal('ok') }), description: 'Always, while the process runs' },
    handler: async () => ({ status: 'ok' as const }),
  });

  routes.add({
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    tag: 'Health',
    summary: 'Readiness: the database and Temporal are reachable',
    description: 'Answers 503 with the same body when a dependency is down.',
    auth: false,
    response: { schema: Readiness, description: 'Both dependencies answered' },
    handler: async ({ setStatus }) => {
      const [database, temporal] = await Promise.all([
        check(() => sql`select 1`.execute(deps.db)),
        check(deps.temporalProbe),
      ]);
      const ready = database.ok && temporal.ok;
      if (!ready) setStatus(503);
      return { status: ready ? ('ready' as const) : ('not_ready' as const), checks: { database, temporal } };
    },
  });
}
