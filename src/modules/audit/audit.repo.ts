import { createHash } from 'node:crypto'
import type { Transaction } from 'kysely'
import { type Db, type DbKind, preparedQuery } from '../../platform/db/index.js'
import type { AuditEventsTable, Database } from '../../platform/db/schema.js'
import { newId } from '../../platform/ids.js'

export const GENESIS_HASH = '0'.repeat(64)

type Executor = Db | Transaction<Database>

/** The fields a hash covers, in a fixed order: every column but the hash itself. */
export function eventHash(e: Omit<AuditEventsTable, 'hash'>): string {
  const canonical = JSON.stringify([
    e.seq,
    e.id,
    e.practice_id,
    e.at,
    e.actor_id,
    e.actor_role,
    e.action,
    e.target_type,
    e.target_id,
    e.client_id,
    e.outcome,
    e.ip,
    e.user_agent,
    e.request_id,
    e.details,
    e.prev_hash,
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

/**
 * Append an event to the chain. Must run inside the transaction that makes the change it records.
 * The head row is locked (PostgreSQL) so concurrent appends queue; SQLite serialises writers.
 */
export async function appendEvent(
  trx: Transaction<Database>,
  kind: DbKind,
  event: Omit<AuditEventsTable, 'seq' | 'id' | 'prev_hash' | 'hash'>,
): Promise<AuditEventsTable> {
  let head = await (kind === 'postgres' ? headForUpdate : headRow).first(trx, {})
  if (!head) {
    await trx.insertInto('audit_head').values({ id: 1, last_seq: 0, last_hash: GENESIS_HASH }).execute()
    head = { id: 1, last_seq: 0, last_hash: GENESIS_HASH }
  }
  const row: Omit<AuditEventsTable, 'hash'> = {
    ...event,
    seq: head.last_seq + 1,
    id: newId(),
    prev_hash: head.last_hash,
  }
  const full: AuditEventsTable = { ...row, hash: eventHash(row) }
  await insertEvent.run(trx, full)
  await advanceHead.run(trx, { last_seq: full.seq, last_hash: full.hash })
  return full
}

// Prepared (built and compiled once): every audited request appends an event.
const headRow = preparedQuery((db) => db.selectFrom('audit_head').selectAll().where('id', '=', 1))
const headForUpdate = preparedQuery((db) =>
  db.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate(),
)
const insertEvent = preparedQuery((db, p: AuditEventsTable) =>
  db.insertInto('audit_events').values({
    seq: p.seq,
    id: p.id,
    practice_id: p.practice_id,
    at: p.at,
    actor_id: p.actor_id,
    actor_role: p.actor_role,
    action: p.action,
    target_type: p.target_type,
    target_id: p.target_id,
    client_id: p.client_id,
    outcome: p.outcome,
    ip: p.ip,
    user_agent: p.user_agent,
    request_id: p.request_id,
    details: p.details,
    prev_hash: p.prev_hash,
    hash: p.hash,
  }),
)
const advanceHead = preparedQuery((db, p: { last_seq: number; last_hash: string }) =>
  db.updateTable('audit_head').set({ last_seq: p.last_seq, last_hash: p.last_hash }).where('id', '=', 1),
)

/** Events in order of the chain, a page at a time (for verification of long logs). */
export async function eventsAfter(
  db: Executor,
  afterSeq: number,
  limit: number,
): Promise<AuditEventsTable[]> {
  return db
    .selectFrom('audit_events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute()
}

export async function readHead(db: Executor): Promise<{ last_seq: number; last_hash: string } | undefined> {
  return db.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1).executeTakeFirst()
}

export interface AuditQuery {
  /** The practice whose events to read; null reads every practice's (the operator's CLI only). */
  practiceId: string | null
  from?: string | undefined
  to?: string | undefined
  actorId?: string | undefined
  clientId?: string | undefined
  action?: string | undefined
  limit: number
  beforeSeq?: number | undefined
}

/** Events of one practice (or all) by time range, user, client or action; newest first. */
export async function queryEvents(db: Executor, q: AuditQuery): Promise<AuditEventsTable[]> {
  let query = db.selectFrom('audit_events').selectAll()
  if (q.practiceId !== null) query = query.where('practice_id', '=', q.practiceId)
  if (q.from) query = query.where('at', '>=', q.from)
  if (q.to) query = query.where('at', '<=', q.to)
  if (q.actorId) query = query.where('actor_id', '=', q.actorId)
  if (q.clientId) query = query.where('client_id', '=', q.clientId)
  if (q.action) query = query.where('action', '=', q.action)
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq)
  return query.orderBy('seq', 'desc').limit(q.limit).execute()
}
