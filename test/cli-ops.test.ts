import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createDeps } from '../src/app/deps.js'
import { main } from '../src/cli/main.js'
import { type AuditContext, type ChainVerdict, recordAudit } from '../src/modules/audit/index.js'
import { newUserRow } from '../src/modules/identity/index.js'
import { loadConfig } from '../src/platform/config.js'
import type { DbKind } from '../src/platform/db/index.js'
import { newId } from '../src/platform/ids.js'
import { DB_KINDS, TEST_PG_URL } from './support/db.js'

const ENV_KEYS = [
  'DATABASE_URL',
  'SIDENOTE_DATA_DIR',
  'SIDENOTE_MASTER_KEY',
  'SIDENOTE_MASTER_KEY_FILE',
  'LOG_LEVEL',
] as const
type OpsEnv = Partial<Record<(typeof ENV_KEYS)[number], string>>

/** Run the CLI as an operator would, with exactly these settings in the environment. */
async function cli(env: OpsEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
  for (const k of ENV_KEYS) delete process.env[k]
  Object.assign(process.env, { LOG_LEVEL: 'silent', ...env })
  let out = ''
  let err = ''
  try {
    const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) })
    return { code, out, err }
  } finally {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k]
      else process.env[k] = saved[k]
    }
    process.exitCode = undefined
  }
}

/** Open the installation the way the CLI does (same environment) and run something against it. */
async function withInstallation<T>(
  env: OpsEnv,
  body: (deps: Awaited<ReturnType<typeof createDeps>>) => Promise<T>,
) {
  const deps = await createDeps(loadConfig({ LOG_LEVEL: 'silent', ...env }))
  try {
    return await body(deps)
  } finally {
    await deps.close()
  }
}

interface Installation {
  env: OpsEnv
  dir: string
  /** PostgreSQL connection string of the installation's own database. */
  database: string | null
  cleanup(): Promise<void>
}

/**
 * An empty installation: a data directory, and for PostgreSQL a database of its own named in
 * DATABASE_URL (as an operator would set it: nothing test-specific reaches the CLI).
 */
async function newInstallation(kind: DbKind): Promise<Installation> {
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-ops-'))
  if (kind === 'sqlite')
    return {
      env: { SIDENOTE_DATA_DIR: dir },
      dir,
      database: null,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    }
  const database = `sidenote_ops_${Math.random().toString(36).slice(2, 10)}`
  await sql(TEST_PG_URL, `create database ${database}`)
  const url = new URL(TEST_PG_URL)
  url.pathname = `/${database}`
  return {
    env: { SIDENOTE_DATA_DIR: dir, DATABASE_URL: url.toString() },
    dir,
    database: url.toString(),
    cleanup: async () => {
      // Without FORCE: closed pools may still be saying goodbye, and killing them would raise errors.
      for (let attempt = 0; ; attempt++) {
        try {
          await sql(TEST_PG_URL, `drop database if exists ${database}`)
          break
        } catch (error) {
          if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error
          await new Promise((r) => setTimeout(r, 100))
        }
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function sql(connectionString: string, text: string, values: unknown[] = []): Promise<number> {
  const c = new pg.Client({ connectionString })
  await c.connect()
  try {
    return (await c.query(text, values)).rowCount ?? 0
  } finally {
    await c.end()
  }
}

// A request id no other stored text shares: the known event's bytes to find in the file.
const MARKER = 'tamper-target-request-0001'

describe.each(DB_KINDS)('operator CLI: audit on %s', (kind) => {
  let inst: Installation
  const ids = { practice: newId(), admin: newId() }
  let target: { seq: number; id: string }
  const day = '2026-01-05'

  beforeAll(async () => {
    inst = await newInstallation(kind)
    target = await withInstallation(inst.env, async (deps) => {
      const now = '2026-01-05T15:00:00.000Z'
      await deps.db
        .insertInto('practices')
        .values({
          id: ids.practice,
          name: 'Ops Practice',
          require_mfa: 1,
          transcript_retention: 'delete-after-sign',
          created_at: now,
        })
        .execute()
      await deps.db
        .insertInto('users')
        .values(
          newUserRow({
            id: ids.admin,
            practiceId: ids.practice,
            email: 'ops.admin@ops.test',
            displayName: 'Ops Admin',
            passwordHash: 'x',
            roles: ['admin'],
            at: now,
          }),
        )
        .execute()
      const ctx = (requestId: string, actorId: string | null = ids.admin): AuditContext => ({
        practiceId: ids.practice,
        actorId,
        actorRole: actorId ? 'admin' : 'system',
        ip: '10.0.0.7',
        userAgent: 'test',
        requestId,
      })
      const clock = { now: () => new Date(now) }
      const record = (
        requestId: string,
        action: 'user.created' | 'practice.config_changed',
        actorId?: string | null,
      ) =>
        deps.db.transaction().execute((trx) =>
          recordAudit(trx, { dbKind: deps.dbKind, clock }, ctx(requestId, actorId), {
            action,
            targetType: 'user',
            targetId: ids.admin,
            details: { roles: 'admin' },
          }),
        )
      await record('req-ops-0001', 'practice.config_changed', null)
      await record('req-ops-0002', 'user.created')
      await record(MARKER, 'user.created')
      await record('req-ops-0004', 'practice.config_changed')
      const row = await deps.db
        .selectFrom('audit_events')
        .select(['seq', 'id'])
        .where('request_id', '=', MARKER)
        .executeTakeFirstOrThrow()
      return row
    })
  })
  afterAll(async () => {
    await inst.cleanup()
  })

  it('verify: an intact log exits 0, in words and in JSON', async () => {
    const text = await cli(inst.env, 'audit', 'verify')
    expect(text.code, text.err).toBe(0)
    expect(text.out).toMatch(/^Audit log intact: 4 events, head hash [0-9a-f]{64}\.$/m)
    const json = await cli(inst.env, 'audit', 'verify', '--json')
    expect(json.code).toBe(0)
    // The first check is itself in the trail now.
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, events: 5 })
  })

  it('report: events by time range and user, oldest first, and the report is recorded', async () => {
    const all = await cli(inst.env, 'audit', 'report', '--from', day, '--to', day, '--json')
    expect(all.code, all.err).toBe(0)
    const events = JSON.parse(all.out) as { seq: number; actorId: string | null; action: string }[]
    expect(events.map((e) => e.seq)).toEqual([...events.map((e) => e.seq)].sort((a, b) => a - b))
    expect(events.filter((e) => e.action === 'user.created')).toHaveLength(2)

    const byEmail = await cli(
      inst.env,
      'audit',
      'report',
      '--from',
      day,
      '--to',
      day,
      '--user',
      'ops.admin@ops.test',
      '--json',
    )
    const mine = JSON.parse(byEmail.out) as { actorId: string }[]
    expect(mine).toHaveLength(3)
    expect(mine.every((e) => e.actorId === ids.admin)).toBe(true)
    const byId = await cli(inst.env, 'audit', 'report', '--from', day, '--to', day, '--user', ids.admin)
    expect(byId.out).toMatch(/^3 events from 2026-01-05T00:00:00.000Z to 2026-01-05T23:59:59.999Z/)
    expect(byId.out).toContain('user.created')

    const before = await cli(
      inst.env,
      'audit',
      'report',
      '--from',
      '2025-01-01',
      '--to',
      '2025-12-31',
      '--json',
    )
    expect(JSON.parse(before.out)).toEqual([])
    const reads = await withInstallation(inst.env, (deps) =>
      deps.db
        .selectFrom('audit_events')
        .select(['actor_role', 'details'])
        .where('action', '=', 'audit.report')
        .execute(),
    )
    expect(reads.length).toBeGreaterThanOrEqual(4)
    expect(reads.every((r) => r.actor_role === 'operator')).toBe(true)

    expect((await cli(inst.env, 'audit', 'report', '--to', day)).code).toBe(2)
    expect((await cli(inst.env, 'audit', 'report', '--from', 'last tuesday', '--to', day)).code).toBe(2)
    expect(
      (await cli(inst.env, 'audit', 'report', '--from', day, '--to', day, '--user', 'nobody@x.test')).code,
    ).toBe(2)
  })

  it('verify names the event when one byte of it changes in the store itself', async () => {
    if (kind === 'sqlite') {
      // Every connection is closed, so the write-ahead log is checkpointed into the file.
      const file = join(inst.dir, 'sidenote.sqlite')
      expect(existsSync(`${file}-wal`) && readFileSync(`${file}-wal`).length > 0).toBe(false)
      const bytes = readFileSync(file)
      const at = bytes.indexOf(Buffer.from(MARKER))
      expect(at).toBeGreaterThan(0)
      expect(bytes.indexOf(Buffer.from(MARKER), at + 1)).toBe(-1)
      bytes[at] = 'T'.charCodeAt(0) // 't' → 'T': one byte of one event.
      writeFileSync(file, bytes)
    } else {
      const changed = await sql(
        inst.database!,
        "update audit_events set request_id = 'T' || substr(request_id, 2) where request_id = $1",
        [MARKER],
      )
      expect(changed).toBe(1)
    }
    const json = await cli(inst.env, 'audit', 'verify', '--json')
    expect(json.code, json.err).toBe(1)
    const verdict = JSON.parse(json.out) as ChainVerdict
    expect(verdict).toMatchObject({
      ok: false,
      events: target.seq - 1,
      problem: { kind: 'altered', seq: target.seq, eventId: target.id, action: 'user.created' },
    })
    const text = await cli(inst.env, 'audit', 'verify')
    expect(text.code).toBe(1)
    expect(text.out).toContain(
      `Audit log BROKEN: event ${target.seq} (id ${target.id}, user.created at 2026-01-05T15:00:00.000Z)`,
    )
    expect(text.out).toMatch(/was altered: its contents no longer match its hash/)
  })

  it('verify names a removed event and a cut-off end', async () => {
    // Put the byte back first: the chain verifies again.
    await withInstallation(inst.env, (deps) =>
      deps.db.updateTable('audit_events').set({ request_id: MARKER }).where('seq', '=', target.seq).execute(),
    )
    expect((await cli(inst.env, 'audit', 'verify')).code).toBe(0)

    const last = await withInstallation(inst.env, async (deps) => {
      const rows = await deps.db
        .selectFrom('audit_events')
        .select('seq')
        .orderBy('seq', 'desc')
        .limit(1)
        .execute()
      await deps.db.deleteFrom('audit_events').where('seq', '=', rows[0]!.seq).execute()
      return rows[0]!.seq
    })
    const cut = JSON.parse((await cli(inst.env, 'audit', 'verify', '--json')).out) as ChainVerdict
    expect(cut.problem).toMatchObject({ kind: 'truncated', seq: last })

    // The check above appended an event after the gap: now event `last` is missing in the middle.
    const gap = await cli(inst.env, 'audit', 'verify')
    expect(gap.code).toBe(1)
    expect(gap.out).toContain(`Event ${last} is missing`)
  })

  it('exits 2 when the database cannot be opened, and creates nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sidenote-ops-empty-'))
    try {
      const env =
        kind === 'sqlite'
          ? { SIDENOTE_DATA_DIR: empty }
          : { SIDENOTE_DATA_DIR: empty, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/test' }
      const r = await cli(env, 'audit', 'verify')
      expect(r.code).toBe(2)
      expect(r.err).toMatch(kind === 'sqlite' ? /No Sidenote database at/ : /Cannot open the database/)
      if (kind === 'sqlite') {
        expect(existsSync(join(empty, 'sidenote.sqlite'))).toBe(false)
        writeFileSync(join(empty, 'sidenote.sqlite'), 'this is not a database, just text that is long enough')
        const garbage = await cli({ SIDENOTE_DATA_DIR: empty }, 'audit', 'verify')
        expect(garbage.code).toBe(2)
      }
      expect((await cli({ ...inst.env, SIDENOTE_MASTER_KEY: 'short' }, 'audit', 'verify')).code).toBe(2)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe.each(DB_KINDS)('operator CLI: keys rotate on %s', (kind) => {
  let inst: Installation
  afterEach(async () => {
    await inst.cleanup()
  })

  const sealOne = (env: OpsEnv) =>
    withInstallation(env, async (deps) =>
      deps.vault.encrypt('PHQ-9 total 14 on 2026-01-05', 'notes.draft:n1'),
    )
  const openOne = (env: OpsEnv, sealed: string) =>
    withInstallation(env, async (deps) => deps.vault.decrypt(sealed, 'notes.draft:n1'))

  it('with a key file: re-wraps the data keys, keeps the old file as .old, and old data stays readable', async () => {
    inst = await newInstallation(kind)
    const sealed = await sealOne(inst.env)
    const keyFile = join(inst.dir, 'master.key')
    const oldKey = readFileSync(keyFile, 'utf8')

    const r = await cli(inst.env, 'keys', 'rotate')
    expect(r.code, r.err).toBe(0)
    expect(r.out).toMatch(/Master key rotated: 2 data keys wrapped under key [0-9a-f]{16}\./)
    expect(r.out).toContain(`${keyFile}.old`)
    expect(r.out).toMatch(/Restart every Sidenote process/)
    expect(r.out).not.toContain(oldKey.trim())
    const newKey = readFileSync(keyFile, 'utf8')
    expect(newKey).not.toBe(oldKey)
    expect(r.out).not.toContain(newKey.trim())
    expect(readFileSync(`${keyFile}.old`, 'utf8')).toBe(oldKey)

    expect(await openOne(inst.env, sealed)).toBe('PHQ-9 total 14 on 2026-01-05')
    const rotated = await withInstallation(inst.env, (deps) =>
      deps.db
        .selectFrom('audit_events')
        .select(['action', 'actor_role', 'details'])
        .where('action', '=', 'keys.rotated')
        .execute(),
    )
    expect(rotated).toHaveLength(1)
    expect(rotated[0]).toMatchObject({ actor_role: 'operator' })
    expect(JSON.parse(rotated[0]!.details)).toMatchObject({ source: 'file', dataKeys: 2 })
    expect((await cli(inst.env, 'audit', 'verify')).code).toBe(0)
  })

  it('with SIDENOTE_MASTER_KEY: says the environment must change, and the new key is in the file', async () => {
    inst = await newInstallation(kind)
    const envKey = randomBytes(32).toString('base64')
    const keyFile = join(inst.dir, 'rotated.key')
    const env = { ...inst.env, SIDENOTE_MASTER_KEY: envKey, SIDENOTE_MASTER_KEY_FILE: keyFile }
    const sealed = await sealOne(env)

    const r = await cli(env, 'keys', 'rotate', '--json')
    expect(r.code, r.err).toBe(0)
    const result = JSON.parse(r.out) as { source: string; keyFile: string; nextSteps: string[] }
    expect(result).toMatchObject({ source: 'env', keyFile })
    expect(result.nextSteps.join(' ')).toMatch(/SIDENOTE_MASTER_KEY/)
    expect(r.out).not.toContain(envKey)

    // The old key from the environment no longer opens the database ...
    const stale = await cli(env, 'audit', 'verify')
    expect(stale.code).toBe(2)
    expect(stale.err).toMatch(/master key does not match/)
    // ... the new one, put in the environment as the message says, does.
    const fresh = { ...env, SIDENOTE_MASTER_KEY: readFileSync(keyFile, 'utf8').trim() }
    expect(await openOne(fresh, sealed)).toBe('PHQ-9 total 14 on 2026-01-05')
    expect((await cli(fresh, 'audit', 'verify')).code).toBe(0)
  })
})
