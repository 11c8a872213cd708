import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from '../database';
import type { Db } from '../connection';
import type { AgentDefinitionFields, AgentSnapshot } from '../../lib/custom-agents';

export type AgentVisibility = 'private' | 'public';

/** A custom agent as stored: its current version, with what listings show beside it. */
export interface AgentRow {
  id: string;
  user_id: string;
  name: string;
  visibility: AgentVisibility;
  version: number;
  definition: AgentDefinitionFields;
  created_at: Date;
  updated_at: Date;
  /** The owner's display name (users.name), null when they gave none. */
  owner_name: string | null;
  /** Tasks that ran (or run) any version of it, every user's. */
  runs: number;
}

const SELECT_ROW = [
  'agents.id',
  'agents.user_id',
  'agents.name',
  'agents.visibility',
  'agents.version',
  'agents.definition',
  'agents.created_at',
  'agents.updated_at',
  'users.name as owner_name',
] as const;

/** The agent rows `query` selects, with their owner's name and run count. */
function agentsQuery(db: Db) {
  return db
    .selectFrom('agents')
    .innerJoin('users', 'users.id', 'agents.user_id')
    .select(SELECT_ROW)
    .select(sql<string>`(select count(*) from tasks t where t.agent_id = agents.id)`.as('runs'))
    .where('agents.deleted_at', 'is', null);
}

function toRow(r: { runs: string | number; visibility: string; definition: unknown } & Omit<AgentRow, 'runs' | 'visibility' | 'definition'>): AgentRow {
  return { ...r, visibility: r.visibility as AgentVisibility, definition: r.definition as AgentDefinitionFields, runs: Number(r.runs) };
}

/**
 * Stores a new agent at version 1 (and that version). Answers undefined when the user already
 * has a live agent of that name, whatever its case (the unique index agents_user_name).
 */
export async function insertAgent(
  db: Db,
  a: { id: string; userId: string; name: string; visibility: AgentVisibility; definition: AgentDefinitionFields },
): Promise<AgentRow | undefined> {
  // In the caller's transaction when it has one (an Idempotency-Key claimed with the agent).
  const inTransaction = <T>(work: (trx: Db) => Promise<T>) => (db.isTransaction ? work(db) : db.transaction().execute(work));
  return inTransaction(async (trx) => {
    const inserted = await trx
      .insertInto('agents')
      .values({ id: a.id, user_id: a.userId, name: a.name, visibility: a.visibility, version: 1, definition: JSON.stringify(a.definition) })
      .onConflict((oc) => oc.expression(sql`user_id, lower(name)`).where('deleted_at', 'is', null).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return undefined;
    await trx
      .insertInto('agent_versions')
      .values({ agent_id: a.id, version: 1, name: a.name, visibility: a.visibility, definition: JSON.stringify(a.definition) })
      .execute();
    return toRow(await agentsQuery(trx).where('agents.id', '=', a.id).executeTakeFirstOrThrow());
  });
}

/** The user's own live agent `id`, or undefined. */
export async function findOwnAgent(db: Db, userId: string, id: string): Promise<AgentRow | undefined> {
  const row = await agentsQuery(db).where('agents.id', '=', id).where('agents.user_id', '=', userId).executeTakeFirst();
  return row && toRow(row);
}

/**
 * An agent `userId` may run, named by `ref`: its ID (the user's own, or any user's public
 * agent) or its name (the user's own agents only: names are unique per user). Deleted agents
 * are never found.
 */
export async function findRunnableAgent(db: Db, userId: string, ref: string): Promise<AgentRow | undefined> {
  const row = await agentsQuery(db).where(runnableBy(userId, ref)).executeTakeFirst();
  return row && toRow(row);
}

/**
 * The current version of the agent `ref` names that `userId` may run (as findRunnableAgent), as
 * a task runs it: one row read, without the listing's owner name and run count (execute's path).
 */
export async function findRunnableSnapshot(db: Db, userId: string, ref: string): Promise<AgentSnapshot | undefined> {
  const row = await db
    .selectFrom('agents')
    .select(['agents.id', 'agents.name', 'agents.version', 'agents.definition'])
    .where('agents.deleted_at', 'is', null)
    .where(runnableBy(userId, ref))
    .executeTakeFirst();
  return row && { ...(row.definition as AgentDefinitionFields), id: row.id, name: row.name, version: row.version };
}

/** Agents `userId` may run named by `ref`: by ID their own or a public one; by name (any case) their own. */
function runnableBy(userId: string, ref: string) {
  return (eb: ExpressionBuilder<Database, 'agents'>) =>
    ref.startsWith('agent_')
      ? eb.and([eb('agents.id', '=', ref), eb.or([eb('agents.user_id', '=', userId), eb('agents.visibility', '=', 'public')])])
      : eb.and([eb('agents.user_id', '=', userId), eb(sql<string>`lower(agents.name)`, '=', sql<string>`lower(${ref})`)]);
}

/**
 * Writes a new version of the user's agent: `version` + 1, kept in agent_versions. With
 * `expectedVersion` (from If-Match) the write happens only if the agent is still at it.
 * Answers the new row; `stale` when the agent has moved on; `name_taken` when another of the
 * user's agents has the name; undefined when no live agent of the user has this ID.
 */
export async function updateAgent(
  db: Db,
  u: { id: string; userId: string; expectedVersion?: number; name: string; visibility: AgentVisibility; definition: AgentDefinitionFields },
): Promise<AgentRow | 'stale' | 'name_taken' | undefined> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('agents')
      .select(['version'])
      .where('id', '=', u.id)
      .where('user_id', '=', u.userId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return undefined;
    if (u.expectedVersion !== undefined && current.version !== u.expectedVersion) return 'stale';
    const clash = await trx
      .selectFrom('agents')
      .select('id')
      .where('user_id', '=', u.userId)
      .where('deleted_at', 'is', null)
      .where('id', '!=', u.id)
      .where(sql<boolean>`lower(name) = lower(${u.name})`)
      .executeTakeFirst();
    if (clash) return 'name_taken';
    const version = current.version + 1;
    await trx
      .updateTable('agents')
      .set({ name: u.name, visibility: u.visibility, version, definition: JSON.stringify(u.definition), updated_at: new Date() })
      .where('id', '=', u.id)
      .execute();
    await trx
      .insertInto('agent_versions')
      .values({ agent_id: u.id, version, name: u.name, visibility: u.visibility, definition: JSON.stringify(u.definition) })
      .execute();
    return toRow(await agentsQuery(trx).where('agents.id', '=', u.id).executeTakeFirstOrThrow());
  });
}

/**
 * Deletes the user's agent: it runs no more and lists nowhere, its name is free again; the row
 * and its versions stay for the tasks that ran it. With `expectedVersion`, only at that version.
 */
export async function deleteAgent(db: Db, d: { id: string; userId: string; expectedVersion?: number }): Promise<'deleted' | 'stale' | undefined> {
  let query = db.updateTable('agents').set({ deleted_at: new Date(), updated_at: new Date() }).where('id', '=', d.id).where('user_id', '=', d.userId).where('deleted_at', 'is', null);
  if (d.expectedVersion !== undefined) query = query.where('version', '=', d.expectedVersion);
  const done = await query.executeTakeFirst();
  if (done.numUpdatedRows > 0n) return 'deleted';
  if (d.expectedVersion !== undefined && (await findOwnAgent(db, d.userId, d.id))) return 'stale';
  return undefined;
}

/**
 * A page of agents, newest change first, after the agent `cursor` (keyset on updated_at, id):
 * the user's own (`visibility` narrows them), or with `publicOnly` every user's public agents.
 */
export async function listAgents(db: Db, q: { userId: string; publicOnly: boolean; visibility?: AgentVisibility; cursor?: string; limit: number }) {
  let query = agentsQuery(db);
  query = q.publicOnly ? query.where('agents.visibility', '=', 'public') : query.where('agents.user_id', '=', q.userId);
  if (!q.publicOnly && q.visibility) query = query.where('agents.visibility', '=', q.visibility);
  if (q.cursor) {
    const cursor = q.cursor;
    query = query.where(sql<boolean>`(agents.created_at, agents.id) < (select a.created_at, a.id from agents a where a.id = ${cursor})`);
  }
  // Newest first by creation, which no edit changes: an agent edited while a client pages through
  // the list stays where it was (ordered by updated_at, it would jump ahead of the cursor, unseen).
  const rows = await query.orderBy('agents.created_at', 'desc').orderBy('agents.id', 'desc').limit(q.limit + 1).execute();
  return { agents: rows.slice(0, q.limit).map(toRow), hasMore: rows.length > q.limit };
}

/** Version `version` of agent `id` as a task runs it (deleted agents' versions included). */
export async function findAgentVersion(db: Db, id: string, version: number): Promise<AgentSnapshot | undefined> {
  const row = await db
    .selectFrom('agent_versions')
    .select(['agent_id', 'version', 'name', 'definition'])
    .where('agent_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && { ...(row.definition as AgentDefinitionFields), id: row.agent_id, name: row.name, version: row.version };
}
