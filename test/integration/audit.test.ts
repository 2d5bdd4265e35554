import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendEvents, readHead as readHeadRow } from '../../src/modules/audit/audit.repo.js'
import {
  type AuditContext,
  type AuditDeps,
  type AuditEventView,
  type AuditReportPage,
  type ChainVerdict,
  recordAuditNow,
  verifyAuditChain,
} from '../../src/modules/audit/index.js'
import type { UserRole } from '../../src/modules/identity/index.js'
import { ManualClock } from '../../src/platform/clock.js'
import { connect, type DbHandle } from '../../src/platform/db/index.js'
import { type Agent, ROLES, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS, openTestDb, TEST_PG_URL, type TestDb } from '../support/db.js'
import { auditRows } from '../support/people.js'
import { seedClient } from '../support/seed-records.js'

const HOUR = 3_600_000

describe.each(DB_KINDS)('audit routes on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>
  let clientId: string
  let dayOne: string
  let dayTwo: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    dayOne = t.clock.now().toISOString()
    clientId = await seedClient(t, { practiceId: t.practices.a, careTeam: [] })
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    }
    // Day one: settings changes in both practices and an emergency access.
    await agents.a.admin.request('PATCH', '/api/practice', { transcriptRetention: 'keep' })
    await agents.b.admin.request('PATCH', '/api/practice', { transcriptRetention: 'keep' })
    await agents.a.clinician.request('POST', `/api/clients/${clientId}/break-glass`, {
      reason: 'Crisis call while the assigned clinician is away.',
    })
    // Day two (a fresh sign-in: a day of idleness ends sessions).
    t.clock.advance(24 * HOUR)
    dayTwo = t.clock.now().toISOString()
    for (const p of ['a', 'b'] as const)
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    await agents.a.admin.request('PATCH', '/api/practice', { transcriptRetention: 'delete-after-sign' })
  })
  afterAll(async () => {
    await t.close()
  })

  const report = async (agent: Agent, query = '') => {
    const res = await agent.request('GET', `/api/audit${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json() as AuditReportPage
  }

  it('only the privacy officer and the admin read or verify the trail', async () => {
    for (const role of ROLES) {
      for (const url of ['/api/audit', '/api/audit/verify']) {
        const res = await agents.a[role].request('GET', url)
        expect(res.statusCode, `${role} ${url}`).toBe(
          role === 'admin' || role === 'privacy_officer' ? 200 : 403,
        )
      }
    }
  })

  it("shows only the reader's practice, newest first, without PHI fields", async () => {
    const { events } = await report(agents.a.privacy_officer, '?limit=500')
    expect(events.length).toBeGreaterThan(10)
    const seqs = events.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x))
    const all = await t.deps.db.selectFrom('audit_events').select(['seq', 'practice_id']).execute()
    const practiceOf = new Map(all.map((r) => [r.seq, r.practice_id]))
    expect(events.every((e) => practiceOf.get(e.seq) === t.practices.a)).toBe(true)
    const b = await report(agents.b.admin, '?limit=500')
    expect(b.events.every((e) => practiceOf.get(e.seq) === t.practices.b)).toBe(true)
    expect(b.events.some((e) => e.clientId === clientId)).toBe(false)
    for (const e of events) expect(e).not.toHaveProperty('userAgent')
  })

  it('filters by user, action, client and time range (dates or instants)', async () => {
    const byAdmin = await report(agents.a.privacy_officer, `?userId=${t.users.a.admin.id}&limit=500`)
    expect(byAdmin.events.length).toBeGreaterThan(0)
    expect(byAdmin.events.every((e) => e.actorId === t.users.a.admin.id)).toBe(true)

    const changes = await report(agents.a.privacy_officer, '?action=practice.config_changed')
    expect(changes.events.map((e) => e.details['transcriptRetention.after'])).toEqual([
      'delete-after-sign',
      'keep',
    ])

    const forClient = await report(agents.a.privacy_officer, `?clientId=${clientId}`)
    expect(forClient.events.map((e) => e.action)).toContain('break_glass.started')
    expect(forClient.events.every((e) => e.clientId === clientId)).toBe(true)

    const day1 = dayOne.slice(0, 10)
    const onDayOne = await report(
      agents.a.privacy_officer,
      `?action=practice.config_changed&from=${day1}&to=${day1}`,
    )
    expect(onDayOne.events.map((e) => e.details['transcriptRetention.after'])).toEqual(['keep'])
    const sinceDayTwo = await report(
      agents.a.privacy_officer,
      `?action=practice.config_changed&from=${encodeURIComponent(dayTwo)}`,
    )
    expect(sinceDayTwo.events.map((e) => e.details['transcriptRetention.after'])).toEqual([
      'delete-after-sign',
    ])
    const offset = await report(
      agents.a.privacy_officer,
      `?action=practice.config_changed&to=${encodeURIComponent('2026-01-05T10:30:00-05:00')}`,
    )
    expect(offset.events).toHaveLength(1)

    for (const bad of ['?limit=0', '?limit=501', '?action=note.teleported', '?from=yesterday', '?userId=42'])
      expect((await agents.a.privacy_officer.request('GET', `/api/audit${bad}`)).statusCode, bad).toBe(400)
  })

  it('pages with beforeSeq: every event once, in order, then nextBeforeSeq null', async () => {
    const whole = await report(agents.a.admin, '?limit=500&action=auth.login')
    const seen: AuditEventView[] = []
    let next: number | null = null
    let pages = 0
    do {
      const page: AuditReportPage = await report(
        agents.a.admin,
        `?limit=4&action=auth.login${next ? `&beforeSeq=${next}` : ''}`,
      )
      seen.push(...page.events)
      next = page.nextBeforeSeq
      pages++
    } while (next !== null && pages < 50)
    expect(seen.map((e) => e.seq)).toEqual(whole.events.map((e) => e.seq))
    expect(pages).toBe(Math.floor(whole.events.length / 4) + 1)
  })

  it('reading the trail is itself recorded, with its filters', async () => {
    await report(agents.a.privacy_officer, `?userId=${t.users.a.biller.id}&action=auth.login&limit=7`)
    const reads = await auditRows(t, { action: 'audit.report', actorId: t.users.a.privacy_officer.id })
    expect(reads.at(-1)).toMatchObject({
      practice_id: t.practices.a,
      details: { userId: t.users.a.biller.id, filterAction: 'auth.login', allPractices: false },
    })
    await report(agents.a.privacy_officer, `?clientId=${clientId}`)
    const read = (await auditRows(t, { action: 'audit.report', clientId })).at(-1)
    expect(read?.actor_id).toBe(t.users.a.privacy_officer.id)
  })

  it('a token needs audit:read', async () => {
    const reader = await t.token(t.users.a.privacy_officer, ['audit:read'])
    const other = await t.token(t.users.a.admin, ['clients:read'])
    const get = (token: string, url: string) =>
      t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })
    expect((await get(reader, '/api/audit')).statusCode).toBe(200)
    expect((await get(reader, '/api/audit/verify')).statusCode).toBe(200)
    expect((await get(other, '/api/audit')).statusCode).toBe(403)
  })

  it('verifies the chain, records the check, and names the event a change in the database broke', async () => {
    const ok = await agents.a.privacy_officer.request('GET', '/api/audit/verify')
    expect(ok.json()).toMatchObject({ ok: true })
    const verified = (await auditRows(t, { action: 'audit.verified' })).at(-1)
    expect(verified).toMatchObject({
      actor_id: t.users.a.privacy_officer.id,
      outcome: 'success',
      details: { ok: true },
    })

    const target = await t.deps.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'break_glass.started')
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow()
    // One character of the stored details changes, as a hand edit in the database would.
    const tampered = target.details.replace('"minutes":60', '"minutes":90')
    expect(tampered).not.toBe(target.details)
    await t.deps.db
      .updateTable('audit_events')
      .set({ details: tampered })
      .where('seq', '=', target.seq)
      .execute()
    const broken = (await agents.a.admin.request('GET', '/api/audit/verify')).json() as ChainVerdict
    expect(broken).toMatchObject({
      ok: false,
      problem: { kind: 'altered', seq: target.seq, eventId: target.id, action: 'break_glass.started' },
    })
    expect((await auditRows(t, { action: 'audit.verified' })).at(-1)).toMatchObject({
      outcome: 'failure',
      details: { ok: false, problem: 'altered', problemSeq: target.seq },
    })
    await t.deps.db
      .updateTable('audit_events')
      .set({ details: target.details })
      .where('seq', '=', target.seq)
      .execute()
    expect((await agents.a.admin.request('GET', '/api/audit/verify')).json()).toMatchObject({ ok: true })
  })
})

describe.each(DB_KINDS)('group commit of audit events on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp(kind)
  })
  afterAll(async () => {
    await t.close()
  })

  const ctx = (requestId: string): AuditContext => ({
    practiceId: t.practices.a,
    actorId: null,
    actorRole: 'system',
    ip: null,
    userAgent: 'group-commit-test',
    requestId,
  })

  it('commits events recorded at once in one chain, in the order of the calls, each caller answered after its commit', async () => {
    const n = 60
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        recordAuditNow(t.deps, ctx(`group-${i}`), {
          action: 'note.read',
          targetType: 'note',
          targetId: 'group-commit-test',
          details: { i },
        }),
      ),
    )
    const rows = (await auditRows(t, { targetId: 'group-commit-test' })).sort((a, b) => a.seq - b.seq)
    expect(rows.map((r) => r.details.i)).toEqual(Array.from({ length: n }, (_, i) => i))
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true)
  })

  it('appends more events than one insert holds in one transaction, chained and contiguous', async () => {
    const n = 1_201
    const written = await t.deps.db.transaction().execute((trx) =>
      appendEvents(
        trx,
        kind,
        Array.from({ length: n }, (_, i) => ({
          practice_id: t.practices.a,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
          actor_id: null,
          actor_role: 'system',
          action: 'note.read',
          target_type: 'note',
          target_id: 'bulk-append-test',
          client_id: null,
          outcome: 'success',
          ip: null,
          user_agent: null,
          request_id: `bulk-${i}`,
          details: JSON.stringify({ i }),
        })),
      ),
    )
    const rows = (await auditRows(t, { targetId: 'bulk-append-test' })).sort((a, b) => a.seq - b.seq)
    expect(rows).toHaveLength(n)
    expect(rows.map((r) => r.seq)).toEqual(written.map((w) => w.seq))
    expect(rows.at(-1)!.seq - rows[0]!.seq).toBe(n - 1)
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true)
  })

  it('one event that cannot be written fails only its own caller', async () => {
    const isolated = { action: 'note.read', targetType: 'note', targetId: 'isolated-test' } as const
    const bad = { ...isolated, details: { big: 1n } as unknown as Record<string, number> }
    const results = await Promise.allSettled([
      recordAuditNow(t.deps, ctx('ok-1'), isolated),
      recordAuditNow(t.deps, ctx('bad'), bad),
      recordAuditNow(t.deps, ctx('ok-2'), isolated),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await auditRows(t, { targetId: 'isolated-test' })).toHaveLength(2)
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true)
  })
})

describe('audit group commit on PostgreSQL with two server processes', () => {
  let t: TestDb
  let other: DbHandle
  const clock = new ManualClock()
  beforeAll(async () => {
    t = await openTestDb('postgres')
    // A second pool on the same schema: another server process, with its own group and head.
    other = connect({ databaseUrl: TEST_PG_URL, schema: t.where, poolSize: 3 })
  })
  afterAll(async () => {
    await other.close()
    await t.cleanup()
  })

  const ctx: AuditContext = {
    practiceId: 'p1',
    actorId: null,
    actorRole: 'system',
    ip: null,
    userAgent: 'two-processes',
    requestId: 'r',
  }
  const read = (i: number) =>
    ({ action: 'note.read', targetType: 'note', targetId: 'two', details: { i } }) as const

  it('appends a group in one statement while the head is as this process left it', async () => {
    const a: AuditDeps = { db: t.db, dbKind: 'postgres', clock }
    await recordAuditNow(a, ctx, read(0)) // the first group reads the head the locking way
    const sent: string[] = []
    const query = pg.Client.prototype.query
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const q = args[0] as string | { text: string }
      sent.push(typeof q === 'string' ? q : q.text)
      return (query as (...a: unknown[]) => unknown).apply(this, args)
    } as typeof query
    try {
      await Promise.all([1, 2, 3].map((i) => recordAuditNow(a, ctx, read(i))))
    } finally {
      pg.Client.prototype.query = query
    }
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatch(/with head as \(\s*update audit_head/)
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true })
  })

  it('keeps one unbroken chain when two processes append at once (each finds the head moved and locks)', async () => {
    const a: AuditDeps = { db: t.db, dbKind: 'postgres', clock }
    const b: AuditDeps = { db: other.db, dbKind: 'postgres', clock }
    const before = (await readHeadRow(t.db))!.last_seq
    const n = 120
    await Promise.all(
      Array.from(
        { length: n },
        (_, i) =>
          // Interleaved in time, so the two heads go stale over and over.
          new Promise<void>((resolve, reject) =>
            setTimeout(() => recordAuditNow(i % 2 ? a : b, ctx, read(100 + i)).then(resolve, reject), i % 7),
          ),
      ),
    )
    const head = (await readHeadRow(t.db))!
    expect(head.last_seq).toBe(before + n)
    const events = await t.db
      .selectFrom('audit_events')
      .select(['seq', 'details'])
      .where('seq', '>', before)
      .orderBy('seq')
      .execute()
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => before + 1 + i))
    expect(new Set(events.map((e) => JSON.parse(e.details).i)).size).toBe(n)
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true })
  })
})
