import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { retentionApplyCommand } from '../../src/cli/commands/retention.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { readyToSign } from '../support/notes.js'
import { auditRows } from '../support/people.js'
import { serverEnv } from '../support/server-process.js'

describe.each(DB_KINDS)('transcript retention on %s', (kind) => {
  let t: TestApp
  let clinician: Agent
  let admin: Agent
  let clientId: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    clinician = await t.login(t.users.a.clinician)
    admin = await t.login(t.users.a.admin)
    clientId = (await clinician.request('POST', '/api/clients', { name: 'Retention Client' })).json().id
  })
  afterAll(async () => {
    await t?.close()
  })

  const sign = async (note: { id: string; version: number }) => {
    const res = await clinician.request('POST', `/api/notes/${note.id}/sign`, {
      version: note.version,
      attestation: true,
    })
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }
  const transcriptOf = async (encounterId: string) =>
    await t.deps.db
      .selectFrom('encounters')
      .selectAll()
      .where('id', '=', encounterId)
      .executeTakeFirstOrThrow()

  it('keeps the transcript after signing when the practice keeps transcripts', async () => {
    const set = await admin.request('PATCH', '/api/practice', { transcriptRetention: 'keep' })
    expect(set.statusCode, set.body).toBe(200)
    const note = await readyToSign(t, clinician, clientId)
    const signed = await sign(note)
    expect(signed.transcript.retained).toBe(true)
    expect((await transcriptOf(note.encounterId)).transcript_enc).not.toBeNull()
    expect(await auditRows(t, { action: 'transcript.deleted', targetId: note.encounterId })).toEqual([])
  })

  it('the sweep (sidenote retention apply) deletes transcripts of signed notes once the policy says so, audited', async () => {
    const kept = (await auditRows(t, { action: 'note.signed', clientId }))[0]!.target_id!
    const keptEncounter = (
      await t.deps.db
        .selectFrom('notes')
        .select('encounter_id')
        .where('id', '=', kept)
        .executeTakeFirstOrThrow()
    ).encounter_id
    const draft = await readyToSign(t, clinician, clientId) // a draft's transcript is never swept
    await admin.request('PATCH', '/api/practice', { transcriptRetention: 'delete-after-sign' })

    const out: string[] = []
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) }
    const code = await retentionApplyCommand({ json: true }, io as never, async () => ({
      ...t.deps,
      close: async () => {},
    }))
    expect(code).toBe(0)
    expect(JSON.parse(out.join(''))).toEqual({
      deleted: 1,
      practices: [{ practiceId: t.practices.a, deleted: 1 }],
    })
    expect((await transcriptOf(keptEncounter)).transcript_enc).toBeNull()
    expect((await transcriptOf(keptEncounter)).transcript_deleted_at).not.toBeNull()
    expect((await transcriptOf(draft.encounterId)).transcript_enc).not.toBeNull()
    const events = await auditRows(t, { action: 'transcript.deleted', targetId: keptEncounter })
    expect(events.map((e) => [e.actor_role, e.details.trigger])).toEqual([['system', 'sweep']])
    expect(await auditRows(t, { action: 'retention.applied' })).toHaveLength(1)

    // The note still opens; its transcript is shown as deleted.
    const view = (await clinician.request('GET', `/api/notes/${kept}`)).json()
    expect(view.transcript).toMatchObject({ retained: false })
    const transcript = (await clinician.request('GET', `/api/notes/${kept}/transcript`)).json()
    expect(transcript).toMatchObject({
      retained: false,
      utterances: [],
      deletedAt: view.transcript.deletedAt,
    })
    expect(view.transcript.deletedAt).not.toBeNull()
  })

  it('deletes on signing by default, in the signing transaction, audited with the signer', async () => {
    const note = await readyToSign(t, clinician, clientId)
    await sign(note)
    expect((await transcriptOf(note.encounterId)).transcript_enc).toBeNull()
    const events = await auditRows(t, { action: 'transcript.deleted', targetId: note.encounterId })
    expect(events.map((e) => [e.actor_id, e.details.trigger])).toEqual([[t.users.a.clinician.id, 'sign']])
  })

  it('the installed command works on the same database: nothing left to delete', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'retention', 'apply', '--json'],
      { env: serverEnv(t, kind), encoding: 'utf8', timeout: 60_000 },
    )
    expect(run.status, run.stderr).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ deleted: 0, practices: [] })
  }, 60_000)
})
