import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../src/modules/audit/index.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { readyToSign } from '../support/notes.js'
import { auditRows } from '../support/people.js'
import { httpLogin, serverEnv, spawnTs } from '../support/server-process.js'

/**
 * Kill a real server process (SIGKILL) while it signs a note, at points inside the signing
 * transaction (a test-only pause, SIDENOTE_TEST_SIGN_PAUSE) and just after it commits, then read
 * the database: the note is either fully signed or fully draft — state, signature columns,
 * signed content, the note.signed audit event and the retention step agree — and the audit chain
 * verifies. A note left draft can still be signed afterwards (no lock or half-write remains).
 */
const POINTS = ['before-update', 'after-update', 'after-audit', 'after-retention', 'after-commit'] as const

describe.each(DB_KINDS)('killing the server mid-sign on %s', (kind) => {
  let t: TestApp
  let clinician: Agent
  const notes = new Map<string, { id: string; version: number; encounterId: string }>()

  beforeAll(async () => {
    t = await startTestApp(kind)
    clinician = await t.login(t.users.a.clinician)
    const client = await clinician.request('POST', '/api/clients', { name: 'Crash Test Client' })
    const clientId = client.json().id as string
    for (const point of POINTS) {
      const view = await readyToSign(t, clinician, clientId)
      notes.set(point, { id: view.id, version: view.version, encounterId: view.encounterId })
    }
  }, 120_000)
  afterAll(async () => {
    await t?.close()
  })

  async function state(point: (typeof POINTS)[number]) {
    const n = notes.get(point)!
    const row = await t.deps.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', n.id)
      .executeTakeFirstOrThrow()
    const encounter = await t.deps.db
      .selectFrom('encounters')
      .selectAll()
      .where('id', '=', n.encounterId)
      .executeTakeFirstOrThrow()
    const signedEvents = await auditRows(t, { action: 'note.signed', targetId: n.id })
    const deletedEvents = await auditRows(t, { action: 'transcript.deleted', targetId: n.encounterId })
    return { n, row, encounter, signedEvents, deletedEvents }
  }

  it.each(POINTS)(
    'SIGKILL at %s leaves the note fully signed or fully draft',
    async (point) => {
      const server = await spawnTs(
        'src/main.ts',
        serverEnv(t, kind, { SIDENOTE_TEST_SIGN_PAUSE: `${point}:30000` }),
      )
      try {
        await server.waitFor(/Sidenote is running/)
        const call = await httpLogin(server.url, t.users.a.clinician)
        const n = notes.get(point)!
        const signing = call('POST', `/api/notes/${n.id}/sign`, {
          version: n.version,
          attestation: true,
        }).catch(() => null)
        // The sign must reach the pause; if it answers instead, say how (not a bare timeout).
        const answered = signing.then(async (res) => {
          throw new Error(`sign answered ${res?.status} before pausing at ${point}: ${await res?.text()}`)
        })
        await Promise.race([server.waitFor(new RegExp(`sign paused at ${point}`), 100_000), answered])
        answered.catch(() => {})
        await server.kill('SIGKILL')
        expect(await signing).toBeNull()
      } finally {
        await server.kill('SIGKILL')
      }

      const { n, row, encounter, signedEvents, deletedEvents } = await state(point)
      const signedColumns = [
        row.signed_by,
        row.signed_at,
        row.signed_text_enc,
        row.diff_enc,
        row.billing_enc,
        row.attestation,
      ]
      if (point === 'after-commit') {
        expect(row.state).toBe('signed')
        expect(signedColumns.every((c) => c !== null)).toBe(true)
        expect(row.version).toBe(n.version + 1)
        expect(signedEvents).toHaveLength(1)
        expect(encounter.transcript_enc).toBeNull()
        expect(deletedEvents).toHaveLength(1)
      } else {
        expect(row.state).toBe('draft')
        expect(signedColumns.every((c) => c === null)).toBe(true)
        expect(row.version).toBe(n.version)
        expect(signedEvents).toHaveLength(0)
        expect(encounter.transcript_enc).not.toBeNull()
        expect(deletedEvents).toHaveLength(0)
      }
      expect((await verifyAuditChain(t.deps.db)).ok).toBe(true)
    },
    120_000,
  )

  it('a note left draft by a crash signs normally afterwards, and the audit chain still verifies', async () => {
    const n = notes.get('after-audit')!
    const res = await clinician.request('POST', `/api/notes/${n.id}/sign`, {
      version: n.version,
      attestation: true,
    })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().state).toBe('signed')
    expect(await auditRows(t, { action: 'note.signed', targetId: n.id })).toHaveLength(1)
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true)
  }, 60_000)
})
