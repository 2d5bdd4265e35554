import { createHash } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
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

/** An event as the caller gives it: the chain's fields (seq, id, hashes) are added on append. */
export type NewAuditEvent = Omit<AuditEventsTable, 'seq' | 'id' | 'prev_hash' | 'hash'>

/**
 * Append events to the chain, in order. Must run inside the transaction that makes the change they
 * record. The head is read once (and locked on PostgreSQL, so concurrent appends queue; SQLite
 * serialises writers), the events are chained in memory, written in one insert and the head
 * advanced once: a group commit of many reads costs four statements, not three per event.
 */
export async function appendEvents(
  trx: Transaction<Database>,
  kind: DbKind,
  events: readonly NewAuditEvent[],
): Promise<AuditEventsTable[]> {
  if (events.length === 0) return []
  let head = await (kind === 'postgres' ? headForUpdate : headRow).first(trx, {})
  if (!head) {
    await trx.insertInto('audit_head').values({ id: 1, last_seq: 0, last_hash: GENESIS_HASH }).execute()
    head = { id: 1, last_seq: 0, last_hash: GENESIS_HASH }
  }
  const rows = chained(head, events)
  if (rows.length === 1) await insertEvent.run(trx, rows[0]!)
  else
    for (let i = 0; i < rows.length; i += INSERT_CHUNK)
      await trx
        .insertInto('audit_events')
        .values(rows.slice(i, i + INSERT_CHUNK))
        .execute()
  const last = rows.at(-1)!
  await advanceHead.run(trx, { last_seq: last.seq, last_hash: last.hash })
  return rows
}

/** The chain's head: the last event's sequence number and hash. */
export interface AuditHead {
  last_seq: number
  last_hash: string
}

/** The events as the next links after `head`, each holding the hash of the one before. */
function chained(head: AuditHead, events: readonly NewAuditEvent[]): AuditEventsTable[] {
  let seq = head.last_seq
  let prev = head.last_hash
  return events.map((event): AuditEventsTable => {
    const row = { ...event, seq: ++seq, id: newId(), prev_hash: prev }
    prev = eventHash(row)
    return { ...row, hash: prev }
  })
}

/**
 * PostgreSQL: append events in one statement, outside any transaction, provided the head is still
 * `expected` (as this process last left it). The head moves and the events are written together,
 * or, when the head has moved (another server process appended, or a change recorded its own
 * event), neither happens and undefined is returned: the caller then appends the locking way. One
 * round trip instead of five (begin, lock the head, insert, advance it, commit) for a group of
 * reads. Concurrent appenders queue on the head row's lock, and the head's condition is checked
 * again after the wait.
 */
export async function appendEventsIfHead(
  db: Db,
  expected: AuditHead,
  events: readonly NewAuditEvent[],
): Promise<AuditEventsTable[] | undefined> {
  if (events.length === 0) return []
  const rows = chained(expected, events)
  const last = rows.at(-1)!
  // Only seq is no text column; a parameter in VALUES is text unless cast.
  const values = sql.join(
    rows.map(
      (r) =>
        sql`(${r.seq}::integer, ${r.id}, ${r.practice_id}, ${r.at}, ${r.actor_id}, ${r.actor_role}, ${r.action}, ${r.target_type}, ${r.target_id}, ${r.client_id}, ${r.outcome}, ${r.ip}, ${r.user_agent}, ${r.request_id}, ${r.details}, ${r.prev_hash}, ${r.hash})`,
    ),
  )
  const { rows: result } = await sql<{ written: number }>`
    with head as (
      update audit_head set last_seq = ${last.seq}, last_hash = ${last.hash}
      where id = 1 and last_seq = ${expected.last_seq} and last_hash = ${expected.last_hash}
      returning id
    ), appended as (
      insert into audit_events (seq, id, practice_id, at, actor_id, actor_role, action, target_type,
        target_id, client_id, outcome, ip, user_agent, request_id, details, prev_hash, hash)
      select * from (values ${values}) as v where exists (select 1 from head)
      returning seq
    )
    select count(*)::integer as written from appended`.execute(db)
  const written = result[0]?.written ?? 0
  if (written === rows.length) return rows
  if (written === 0) return undefined
  throw new Error(`The audit append wrote ${written} of ${rows.length} events in one statement.`)
}

/** Rows per multi-row insert: 17 columns each stays far below SQLite's and PostgreSQL's parameter limits. */
const INSERT_CHUNK = 500

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
