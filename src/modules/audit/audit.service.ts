import type { Transaction } from 'kysely'
import type { Clock } from '../../platform/clock.js'
import type { Db, DbKind } from '../../platform/db/index.js'
import type { Database } from '../../platform/db/schema.js'
import {
  type AuditHead,
  type AuditQuery,
  appendEvents,
  appendEventsIfHead,
  eventHash,
  eventsAfter,
  GENESIS_HASH,
  type NewAuditEvent,
  queryEvents,
  readHead,
} from './audit.repo.js'
import type {
  AuditContext,
  AuditEventInput,
  AuditEventView,
  AuditReportPage,
  ChainVerdict,
} from './audit.schema.js'

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
  await appendEvents(trx, deps.dbKind, [eventRow(ctx, deps.clock.now(), event)])
}

/** The stored form of an event: who, from where, when, what, which record, the outcome. */
function eventRow(ctx: AuditContext, at: Date, event: AuditEventInput): NewAuditEvent {
  return {
    practice_id: ctx.practiceId,
    at: at.toISOString(),
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
  }
}

interface PendingEvent {
  ctx: AuditContext
  event: AuditEventInput
  /** When it happened: the caller's moment, not the commit's. */
  at: Date
  resolve: () => void
  reject: (error: unknown) => void
}

/** Per database: events waiting for the next group commit, and whether a commit is under way. */
interface Group {
  queue: PendingEvent[]
  scheduled: boolean
  committing: boolean
  /** PostgreSQL: the chain's head as this process last left it (see appendEventsIfHead). */
  head?: AuditHead | undefined
}
const groups = new WeakMap<Db, Group>()
/** Most events one group commit writes. */
const MAX_GROUP = 256

/**
 * Record an event in a transaction of its own (for reads and refusals that change nothing else),
 * and return once it is committed. Events recorded while a commit is under way (many reads at
 * once) share the next transaction, a group commit: each caller still returns only after its own
 * event is durable, the chain's order is the order of the calls, and the commit is paid once per
 * group instead of once per read. One commit is in flight per database. If a group fails, each of
 * its events is tried again alone, so one bad event never fails another caller's request.
 */
export function recordAuditNow(deps: AuditDeps, ctx: AuditContext, event: AuditEventInput): Promise<void> {
  const g = groups.get(deps.db) ?? { queue: [], scheduled: false, committing: false }
  groups.set(deps.db, g)
  return new Promise((resolve, reject) => {
    g.queue.push({ ctx, event, at: deps.clock.now(), resolve, reject })
    schedule(deps, g)
  })
}

function schedule(deps: AuditDeps, g: Group): void {
  if (g.scheduled || g.committing || g.queue.length === 0) return
  g.scheduled = true
  // After the current I/O callbacks, so the reads answered in this turn join one group.
  setImmediate(() => void commitGroup(deps, g))
}

async function commitGroup(deps: AuditDeps, g: Group): Promise<void> {
  g.scheduled = false
  g.committing = true
  const batch = g.queue.splice(0, MAX_GROUP)
  const append = async (group: PendingEvent[]) => {
    const events = group.map((p) => eventRow(p.ctx, p.at, p.event))
    // PostgreSQL, head as last left: one statement. Otherwise (or when the head moved) the locking way.
    const postgres = deps.dbKind === 'postgres'
    let rows = postgres && g.head ? await appendEventsIfHead(deps.db, g.head, events) : undefined
    rows ??= await deps.db.transaction().execute((trx) => appendEvents(trx, deps.dbKind, events))
    const last = rows.at(-1)
    if (postgres && last) g.head = { last_seq: last.seq, last_hash: last.hash }
  }
  try {
    await append(batch)
    for (const p of batch) p.resolve()
  } catch (error) {
    // The head may not be what it was thought to be: the locking way reads it again.
    g.head = undefined
    if (batch.length === 1) batch[0]!.reject(error)
    else for (const p of batch) await append([p]).then(() => p.resolve(), p.reject)
  } finally {
    g.committing = false
    schedule(deps, g)
  }
}

/**
 * Walk the whole chain and name the first event where it breaks: an altered event (its hash no
 * longer matches its contents), a removed one (a gap in the sequence), an inserted one (an event
 * whose predecessor hash does not match, or one past the head), or a truncated end (the head
 * records more events). The head is read before the walk, so events appended while it runs (the
 * server keeps working) are not mistaken for tampering; a second read covers those.
 */
export async function verifyAuditChain(db: Db): Promise<ChainVerdict> {
  const head = await readHead(db)
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
          : bad('inserted', e.seq, `Event ${e.seq} is out of sequence.`, count, prevHash, e)
      }
      if (e.prev_hash !== prevHash)
        return bad(
          'inserted',
          e.seq,
          `Event ${e.seq} does not follow event ${e.seq - 1}: its predecessor hash differs (an event was inserted or replaced before it).`,
          count,
          prevHash,
          e,
        )
      const { hash, ...rest } = e
      if (eventHash(rest) !== hash)
        return bad(
          'altered',
          e.seq,
          `Event ${e.seq} was altered: its contents no longer match its hash.`,
          count,
          prevHash,
          e,
        )
      if (head && e.seq === head.last_seq && hash !== head.last_hash)
        return bad(
          'altered',
          e.seq,
          `Event ${e.seq} does not match the hash the head recorded for it (it was replaced).`,
          count,
          prevHash,
          e,
        )
      prevHash = hash
      expectedSeq++
      count++
      after = e.seq
    }
  }
  const recorded = head?.last_seq ?? 0
  if (count < recorded)
    return bad(
      'truncated',
      count + 1,
      `The log ends at event ${count} but its head records ${recorded} events: events ${count + 1}–${recorded} were removed.`,
      count,
      prevHash,
    )
  if (count > recorded) {
    // Appended while we walked, or written past the head by hand: only the second read tells.
    const now = (await readHead(db))?.last_seq ?? 0
    if (count > now)
      return bad(
        'inserted',
        now + 1,
        `Events ${now + 1}–${count} are not recorded in the chain's head: they were added outside Sidenote.`,
        count,
        prevHash,
      )
  }
  return { ok: true, events: count, headHash: prevHash }
}

function bad(
  kind: NonNullable<ChainVerdict['problem']>['kind'],
  seq: number,
  message: string,
  events: number,
  headHash: string,
  event?: { id: string; action: string; at: string },
): ChainVerdict {
  const named = event ? { eventId: event.id, action: event.action, at: event.at } : {}
  return { ok: false, events, headHash, problem: { kind, seq, message, ...named } }
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

/**
 * Read a page of the audit log, and record that it was read (`audit.report`): who looked at whose
 * trail is itself part of the trail. The filters are ids, times and an action name, never PHI.
 */
export async function readAuditLog(
  deps: AuditDeps,
  ctx: AuditContext,
  query: AuditQuery,
): Promise<AuditReportPage> {
  const events = await auditReport(deps.db, query)
  const last = events.at(-1)
  await recordReport(deps, ctx, query, events.length, { beforeSeq: query.beforeSeq ?? null })
  return { events, nextBeforeSeq: last && events.length === query.limit ? last.seq : null }
}

/** That the audit log was read (`audit.report`): the filters (ids, times, an action name) and a count. */
async function recordReport(
  deps: AuditDeps,
  ctx: AuditContext,
  query: Omit<AuditQuery, 'limit' | 'beforeSeq'>,
  events: number,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAuditNow(deps, ctx, {
    action: 'audit.report',
    ...(query.clientId ? { clientId: query.clientId } : {}),
    details: {
      from: query.from ?? null,
      to: query.to ?? null,
      userId: query.actorId ?? null,
      filterAction: query.action ?? null,
      ...extra,
      events,
      allPractices: query.practiceId === null,
    },
  })
}

/** Record that the chain was checked (`audit.verified`) with the verdict; `extra` says from where. */
export async function recordVerification(
  deps: AuditDeps,
  ctx: AuditContext,
  verdict: ChainVerdict,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await recordAuditNow(deps, ctx, {
    action: 'audit.verified',
    outcome: verdict.ok ? 'success' : 'failure',
    details: {
      ok: verdict.ok,
      events: verdict.events,
      problem: verdict.problem?.kind ?? null,
      problemSeq: verdict.problem?.seq ?? null,
      ...extra,
    },
  })
}

/** Verify the whole chain and record that it was checked (`audit.verified`) with the verdict. */
export async function checkAuditChain(deps: AuditDeps, ctx: AuditContext): Promise<ChainVerdict> {
  const verdict = await verifyAuditChain(deps.db)
  await recordVerification(deps, ctx, verdict)
  return verdict
}

/**
 * Every event a report matches, oldest first (the operator's CLI report), read a page at a time;
 * recorded once as `audit.report`.
 */
export async function readWholeAuditLog(
  deps: AuditDeps,
  ctx: AuditContext,
  query: Omit<AuditQuery, 'limit' | 'beforeSeq'>,
): Promise<AuditEventView[]> {
  const events: AuditEventView[] = []
  let beforeSeq: number | undefined
  for (;;) {
    const page = await auditReport(deps.db, { ...query, limit: 1000, beforeSeq })
    events.push(...page)
    if (page.length < 1000) break
    beforeSeq = page.at(-1)!.seq
  }
  await recordReport(deps, ctx, query, events.length)
  return events.reverse()
}
