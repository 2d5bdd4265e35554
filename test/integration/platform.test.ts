import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../migrations/index.js'
import { recordAudit, verifyAuditChain } from '../../src/modules/audit/index.js'
import { ManualClock } from '../../src/platform/clock.js'
import { kekId, loadMasterKey, resolveMasterKey, rotateMasterKey, Vault } from '../../src/platform/crypto.js'
import { preparedQuery } from '../../src/platform/db/index.js'
import { DB_KINDS, openTestDb, type TestDb } from '../support/db.js'

const ctx = {
  practiceId: 'p1',
  actorId: 'u1',
  actorRole: 'admin',
  ip: '127.0.0.1',
  userAgent: 'test',
  requestId: 'r1',
}

describe.each(DB_KINDS)('platform on %s', (kind) => {
  let t: TestDb
  const clock = new ManualClock()
  beforeAll(async () => {
    t = await openTestDb(kind)
  })
  afterAll(async () => {
    await t.cleanup()
  })

  it('encrypts fields bound to their place, and refuses a ciphertext moved elsewhere', async () => {
    const vault = await Vault.open(t.db, randomBytes(32).fill(7))
    const c = vault.encrypt('Client reported sleeping four hours.', 'notes.draft:n1')
    expect(c).not.toContain('sleeping')
    expect(vault.decrypt(c, 'notes.draft:n1')).toBe('Client reported sleeping four hours.')
    expect(() => vault.decrypt(c, 'notes.draft:n2')).toThrow()
    expect(vault.encryptNullable(null, 'x')).toBeNull()
  })

  it('refuses to open with a different master key', async () => {
    await expect(Vault.open(t.db, randomBytes(32))).rejects.toThrow(/master key does not match/)
  })

  it('chains audit events and names the first altered, removed or inserted one', async () => {
    for (let i = 0; i < 5; i++)
      await t.db.transaction().execute((trx) =>
        recordAudit(trx, { dbKind: t.kind, clock }, ctx, {
          action: 'note.read',
          targetType: 'note',
          targetId: `n${i}`,
        }),
      )
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, events: 5 })

    // Alter one character of event 3.
    await t.db.updateTable('audit_events').set({ target_id: 'nX' }).where('seq', '=', 3).execute()
    expect((await verifyAuditChain(t.db)).problem).toMatchObject({ kind: 'altered', seq: 3 })
    await t.db.updateTable('audit_events').set({ target_id: 'n2' }).where('seq', '=', 3).execute()
    expect((await verifyAuditChain(t.db)).ok).toBe(true)

    // Remove event 2.
    const two = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow()
    await t.db.deleteFrom('audit_events').where('seq', '=', 2).execute()
    expect((await verifyAuditChain(t.db)).problem).toMatchObject({ kind: 'removed', seq: 2 })
    await t.db.insertInto('audit_events').values(two).execute()

    // Replace event 4 with a forged one that hashes correctly on its own.
    const four = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '=', 4)
      .executeTakeFirstOrThrow()
    const { eventHash } = await import('../../src/modules/audit/audit.repo.js')
    const forged = { ...four, action: 'note.signed', prev_hash: 'f'.repeat(64) }
    await t.db
      .updateTable('audit_events')
      .set({ ...forged, hash: eventHash(forged) })
      .where('seq', '=', 4)
      .execute()
    expect((await verifyAuditChain(t.db)).problem).toMatchObject({ kind: 'inserted', seq: 4 })
    await t.db.updateTable('audit_events').set(four).where('seq', '=', 4).execute()

    // Cut the last event off.
    await t.db.deleteFrom('audit_events').where('seq', '=', 5).execute()
    expect((await verifyAuditChain(t.db)).problem).toMatchObject({ kind: 'truncated', seq: 5 })
  })

  it('migrations are recorded and not run twice', async () => {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(t.db)
    expect(rows.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS))
  })
})

describe('statements on PostgreSQL', () => {
  let t: TestDb
  beforeAll(async () => {
    t = await openTestDb('postgres')
  })
  afterAll(async () => {
    await t.cleanup()
  })

  it('sends a prepared query as a named statement, parsed once per connection, and other SQL unnamed', async () => {
    const practice = preparedQuery((db, p: { id: string }) =>
      db.selectFrom('practices').select('name').where('id', '=', p.id),
    )
    const statements = await t.db.transaction().execute(async (trx) => {
      // One connection for the whole transaction, so its session's statements can be read.
      for (let i = 0; i < 3; i++) await practice.first(trx, { id: `p${i}` })
      await trx.selectFrom('practices').select('id').where('id', 'in', ['a', 'b', 'c']).execute()
      const { rows } = await sql<{
        statement: string
      }>`select statement from pg_prepared_statements`.execute(trx)
      return rows.map((r) => r.statement)
    })
    expect(statements.filter((s) => /from "practices" where "id" = \$1/.test(s))).toHaveLength(1)
    expect(statements.some((s) => s.includes('in ($1, $2, $3)'))).toBe(false)
  })
})

describe('master key', () => {
  it('is created once with owner-only permissions, and a rotation re-wraps every data key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidenote-key-'))
    const keyFile = join(dir, 'master.key')
    const key = loadMasterKey({ keyFile })
    expect(existsSync(keyFile)).toBe(true)
    const { statSync } = await import('node:fs')
    expect(statSync(keyFile).mode & 0o777).toBe(0o600)
    expect(loadMasterKey({ keyFile }).equals(key)).toBe(true)

    const t = await openTestDb('sqlite')
    const vault = await Vault.open(t.db, key)
    const secret = vault.encrypt('PHQ-9 score 14', 'notes.draft:n9')
    const rotated = await rotateMasterKey(t.db, { keyFile, oldKey: key })
    const newKey = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')
    expect(kekId(newKey)).toBe(rotated.kekId)
    await expect(Vault.open(t.db, key)).rejects.toThrow()
    const reopened = await Vault.open(t.db, await resolveMasterKey(t.db, { keyFile }))
    expect(reopened.decrypt(secret, 'notes.draft:n9')).toBe('PHQ-9 score 14')
    expect(reopened.activeKeyId).not.toBe(vault.activeKeyId)
    await t.cleanup()
  })
})
