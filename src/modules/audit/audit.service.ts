import type { Transaction } from 'kysely'
import type { Clock } from '../../platform/clock.js'
import type { Db, DbKind } from '../../platform/db/index.js'
import type { Database } from '../../platform/db/schema.js'
import {
  type AuditQuery,
  appendEvent,
  eventHash,
  eventsAfter,
  GENESIS_HASH,
  queryEvents,
  readHead,
} from './audit.repo.js'
import type { AuditContext, AuditEventInput, AuditEventView, ChainVerdict } from './audit.schema.js'

export interface AuditDeps {
  db: Db
  dbKind: DbKind
  clock: Clock
}

/** Record an audit event in the caller's transaction, so it commits or rolls back with the change. */
export async function recordAudit(
  trx: Transaction<Database>,
  deps: Pick<AuditDeps, 'dbKind' | 'clock'>,
  ctx: AuditContext,
  event: AuditEventInput,
): Promise<void> {
  await appendEvent(trx, deps.dbKind, {
    practice_id: ctx.practiceId,
    at: deps.clock.now().toISOString(),
    actor_id: ctx.actorId,
    actor_role: ctx.actorRole,
    action: event.action,
    target_type: event.targetType ?? null,
    target_id: event.targetId ?? null,
    client_id: event.clientId ?? null,
    outcome: event.outcome ?? 'success',
    ip: ctx.ip,
    user_agent: ctx.userAgent,
    request_id: ctx.requestId,
    details: JSON.stringify(event.details ?? {}),
  })
}

/** Record an event in a transaction of its own (for reads and refusals that change nothing else). */
export async function recordAuditNow(
  deps: AuditDeps,
  ctx: AuditContext,
  event: AuditEventInput,
): Promise<void> {
  await deps.db.transaction().execute((trx) => recordAudit(trx, deps, ctx, event))
}

/**
 * Walk the whole chain and name the first event where it breaks: an altered event (its hash no
 * longer matches its contents), a removed one (a gap in the sequence), an inserted one (an event
 * whose predecessor hash does not match), or a truncated end (the head records more events).
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  let expectedSeq = 1
  let prevHash = GENESIS_HASH
  let after = 0
  let count = 0
  for (;;) {
    const page = await eventsAfter(db, after, 1000)
    if (page.length === 0) break
    for (const e of page) {
      if (e.seq !== expectedSeq) {
        return e.seq > expectedSeq
          ? bad(
              'removed',
              expectedSeq,
              `Event ${expectedSeq} is missing (the next event is ${e.seq}).`,
              count,
              prevHash,
            )
          : bad('inserted', e.seq, `Event ${e.seq} is out of sequence.`, count, prevHash)
      }
      if (e.prev_hash !== prevHash)
        return bad(
          'inserted',
          e.seq,
          `Event ${e.seq} does not follow event ${e.seq - 1}: its predecessor hash differs (an event was inserted or replaced before it).`,
          count,
          prevHash,
        )
      const { hash, ...rest } = e
      if (eventHash(rest) !== hash)
        return bad(
          'altered',
          e.seq,
          `Event ${e.seq} was altered: its contents no longer match its hash.`,
          count,
          prevHash,
        )
      prevHash = hash
      expectedSeq++
      count++
      after = e.seq
    }
  }
  const head = await readHead(db)
  if (head && head.last_seq !== count)
    return bad(
      'truncated',
      count + 1,
      `The log ends at event ${count} but its head records ${head.last_seq} events: events ${count + 1}–${head.last_seq} were removed.`,
      count,
      prevHash,
    )
  if (head && head.last_hash !== prevHash)
    return bad(
      'altered',
      count,
      `The last event ${count} does not match the recorded head hash.`,
      count,
      prevHash,
    )
  return { ok: true, events: count, headHash: prevHash }
}

function bad(
  kind: NonNullable<ChainVerdict['problem']>['kind'],
  seq: number,
  message: string,
  events: number,
  headHash: string,
): ChainVerdict {
  return { ok: false, events, headHash, problem: { kind, seq, message } }
}

/** An audit report for a practice: events by time range, user, client or action. */
export async function auditReport(db: Db, query: AuditQuery): Promise<AuditEventView[]> {
  const rows = await queryEvents(db, query)
  return rows.map((e) => ({
    seq: e.seq,
    id: e.id,
    at: e.at,
    actorId: e.actor_id,
    actorRole: e.actor_role,
    action: e.action,
    outcome: e.outcome,
    targetType: e.target_type,
    targetId: e.target_id,
    clientId: e.client_id,
    ip: e.ip,
    requestId: e.request_id,
    details: JSON.parse(e.details) as Record<string, unknown>,
  }))
}
