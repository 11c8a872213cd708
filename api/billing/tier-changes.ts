import type { Client } from '@temporalio/client';
import type { Db } from '../../db/connection';
import { AUTH_CHANGES_CHANNEL } from '../../db/repositories/auth-session.repository';
import { applyTierToLine } from '../../lib/agent-line';
import type { Logger } from '../../lib/logger';
import type { PgListener } from '../../lib/pg-listener';

/**
 * A user's tier changed, whatever changed it (an upgrade, a Stripe webhook, the period sweep, an
 * operator's SQL): Postgres announces it on `codex_auth_changes` (`user:<id>`, trigger
 * `users_changed`) when it commits, and the user's parallel-agent line is told the new limit, so
 * agents waiting in line start at once after an upgrade. Every API process hears it; telling a
 * line twice is harmless. While the LISTEN connection is down an announcement can be missed: the
 * next task to ask for a slot brings the current limit anyway (slot.activities.ts).
 *
 * Register before `listener.start()`.
 */
export function watchTierChanges(deps: { listener: PgListener; db: Db; temporal: Client; logger: Logger }): void {
  const { listener, db, temporal, logger } = deps;
  listener.on(AUTH_CHANGES_CHANNEL, (change) => {
    if (!change.startsWith('user:')) return;
    const userId = change.slice('user:'.length);
    void db
      .selectFrom('users')
      .select('tier')
      .where('id', '=', userId)
      .executeTakeFirst()
      .then((user) => (user ? applyTierToLine(temporal, userId, user.tier) : undefined))
      .catch((err: unknown) => logger.warn({ err, user_id: userId }, 'could not tell the parallel-agent line a changed tier'));
  });
}
