import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DraftingEngine } from '../../src/core/providers/index.js'
import { embeddedEngine } from '../../src/core/providers/index.js'
import { verifyAuditChain } from '../../src/modules/audit/index.js'
import type { NoteView } from '../../src/modules/notes/index.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS, TEST_PG_URL } from '../support/db.js'
import { AI_CONSENT, uploadTranscript } from '../support/notes.js'
import { auditRows, seedUser } from '../support/people.js'
import { loadSamples, type Sample, samplesAvailable } from '../support/samples.js'

const CLIENT_NAME = 'Desmond Achterberg'

/** A drafting engine that waits at a gate before the embedded engine drafts: progress is observable mid-job. */
function gatedEngine() {
  let open!: () => void
  const gate = new Promise<void>((resolve) => {
    open = resolve
  })
  let calls = 0
  const engine: DraftingEngine = {
    ...embeddedEngine,
    async draft(request, context) {
      calls++
      await gate
      return embeddedEngine.draft(request, context)
    },
  }
  return { engine, open: () => open(), calls: () => calls }
}

/** Whole words of the sample's gold PHI list (names, places, dates), case-sensitive. */
function phiPatterns(sample: Sample): RegExp[] {
  return sample.gold.phi
    .map((p) => p.text)
    .filter((text) => text.length >= 4)
    .map((text) => new RegExp(`\\b${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`))
}

/** Distinctive stretches of the transcript: a few fixed phrases and a slice of every tenth long cue. */
function distinctivePhrases(sample: Sample): string[] {
  const cues = sample.bytes
    .toString('utf8')
    .split(/\r?\n/)
    .map((line) => line.replace(/^[^:]{1,40}: /, ''))
    .filter((line) => line.length > 60 && !line.includes('-->'))
  const slices = cues.filter((_, i) => i % 10 === 0).map((line) => line.slice(10, 40))
  return ['coffee grinder', 'touch my crossword', "Loretta's iPad", ...slices]
}

/** Everything the database holds, as bytes: the SQLite file (and its write-ahead log), or a pg_dump of the schema. */
function databaseBytes(t: TestApp, kind: string): string {
  if (kind === 'sqlite') {
    const files = [t.db.where, `${t.db.where}-wal`].filter((f) => existsSync(f))
    return files.map((f) => readFileSync(f).toString('latin1')).join('\n')
  }
  return execFileSync('pg_dump', ['--schema', t.db.where, TEST_PG_URL], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('utf8')
}

describe.skipIf(!samplesAvailable()).each(DB_KINDS)('note lifecycle through the API on %s', (kind) => {
  let t: TestApp
  let sample: Sample
  const gate = gatedEngine()
  const agents = {} as Record<'clinician' | 'supervisor' | 'supervisee' | 'biller' | 'otherClinician', Agent>
  const errorBodies: string[] = []
  let clientId: string
  let noteId: string
  let jobId: string

  /** Every error body the API sent during the lifecycle, kept for the PHI check. */
  const track = (agent: Agent): Agent => ({
    ...agent,
    async request(method, url, body, headers) {
      const res = await agent.request(method, url, body, headers)
      if (res.statusCode >= 400) errorBodies.push(res.body)
      return res
    },
  })
  const note = async (agent: Agent = agents.clinician): Promise<NoteView> => {
    const res = await agent.request('GET', `/api/notes/${noteId}`)
    expect(res.statusCode).toBe(200)
    return res.json()
  }
  const expectProblem = (res: LightMyRequestResponse, status: number, code: string) => {
    expect(res.statusCode, res.body).toBe(status)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json().code).toBe(code)
  }

  beforeAll(async () => {
    sample = loadSamples().find((s) => s.id === 's01')!
    t = await startTestApp(kind, { jobs: { draftingEngineFor: () => gate.engine } })
    agents.clinician = track(await t.login(t.users.a.clinician))
    agents.supervisor = track(await t.login(t.users.a.supervisor))
    agents.supervisee = track(await t.login(t.users.a.supervisee))
    agents.biller = track(await t.login(t.users.a.biller))
    const res = await agents.clinician.request('POST', '/api/clients', {
      name: CLIENT_NAME,
      dateOfBirth: '1961-04-12',
      part2: false,
      careTeam: [t.users.a.supervisee.id],
    })
    expect(res.statusCode, res.body).toBe(201)
    clientId = res.json().id
  })
  afterAll(async () => {
    await t?.close()
  })

  const fields = () => ({
    occurredAt: '2026-01-05T14:00:00Z',
    service: 'individual',
    noteFormat: 'soap',
    source: 'transcript',
    roles: JSON.stringify(sample.gold.roles),
  })

  it('refuses a transcript without the client’s AI-processing consent (403, audited), then accepts it once consent is recorded', async () => {
    const refused = await uploadTranscript(agents.clinician, clientId, fields(), {
      name: 's01.vtt',
      bytes: sample.bytes,
    })
    expectProblem(refused, 403, 'CONSENT_REQUIRED')
    expect(refused.json().detail).toMatch(/consent to AI processing/)
    const denied = await auditRows(t, { action: 'encounter.created', clientId })
    expect(denied.map((r) => [r.outcome, r.details.reason])).toEqual([['denied', 'consent-required']])
    expect(await t.deps.db.selectFrom('encounters').select('id').execute()).toEqual([])

    const consent = await agents.clinician.request('POST', `/api/clients/${clientId}/consents`, AI_CONSENT)
    expect(consent.statusCode, consent.body).toBe(201)
    const res = await uploadTranscript(agents.clinician, clientId, fields(), {
      name: 's01.vtt',
      bytes: sample.bytes,
    })
    expect(res.statusCode, res.body).toBe(202)
    ;({ noteId, jobId } = res.json())
    expect((await auditRows(t, { action: 'transcript.uploaded', clientId })).length).toBe(1)
  })

  it('drafts in a background job whose stage and progress the API shows while it runs', async () => {
    const queued = await agents.clinician.request('GET', `/api/jobs/${jobId}`)
    expect(queued.json()).toMatchObject({ state: 'queued', progress: 0, noteId, error: null })
    expect((await note()).state).toBe('drafting')

    const running = t.jobs.runOnce()
    for (let i = 0; i < 200 && gate.calls() === 0; i++) await new Promise((r) => setTimeout(r, 10))
    const seen = (await agents.clinician.request('GET', `/api/jobs/${jobId}`)).json()
    expect(seen).toMatchObject({ state: 'running', stage: 'drafting', progress: 30 })
    gate.open()
    expect(await running).toMatchObject({ jobId, outcome: 'done' })
    const done = (await agents.clinician.request('GET', `/api/jobs/${jobId}`)).json()
    expect(done).toMatchObject({ state: 'done', stage: 'done', progress: 100, noteId })
    // Another practice's user cannot see the job; a clinician of the practice off the care team is refused.
    const other = await t.login(t.users.b.clinician)
    expectProblem(await other.request('GET', `/api/jobs/${jobId}`), 404, 'NOT_FOUND')
    const ai = await auditRows(t, { action: 'ai.run', targetId: noteId })
    expect(ai).toHaveLength(1)
    expect(ai[0]!.details).toMatchObject({ engine: 'embedded', jobId })
  })

  it('shows the draft for review: statements with evidence and support, billing, provenance, the transcript', async () => {
    const view = await note()
    expect(view.state).toBe('draft')
    expect(view.version).toBe(2)
    const statements = view.draft!.sections.flatMap((s) => s.statements)
    expect(statements.length).toBeGreaterThan(3)
    for (const s of statements) {
      expect(s.id).toMatch(/^s\d+$/)
      expect(s.evidence.length).toBeGreaterThan(0)
      expect(['supported', 'unsupported', 'clinician-input']).toContain(s.status)
    }
    expect(view.draft!.billing?.suggested).toEqual(['90834'])
    expect(view.provenance).toMatchObject({ engine: { name: 'embedded' }, transcriptFormat: 'zoom-vtt' })
    // The read says whether the transcript is kept; the utterances come from their own route.
    expect(view.transcript).toEqual({ retained: true, deletedAt: null, format: 'zoom-vtt' })
    expect(view).not.toHaveProperty('transcript.utterances')
    expect(view.reviewStartedAt).toBe(t.clock.now().toISOString())
    expect(view.signature).toBeNull()
    const reads = await auditRows(t, { action: 'note.read', targetId: noteId })
    expect(reads.length).toBeGreaterThan(0)
  })

  it('serves the transcript the statements cite from its own route, audited as transcript.read', async () => {
    const before = (await auditRows(t, { action: 'transcript.read', targetId: noteId })).length
    const res = await agents.clinician.request('GET', `/api/notes/${noteId}/transcript`)
    expect(res.statusCode, res.body).toBe(200)
    const transcript = res.json()
    expect(transcript).toMatchObject({ retained: true, deletedAt: null, format: 'zoom-vtt' })
    expect(transcript.utterances.length).toBeGreaterThan(20)
    expect(transcript.speakers.map((s: { role: string }) => s.role)).toContain('client')
    // Every utterance a statement cites is there to show beside it.
    const ids = new Set(transcript.utterances.map((u: { id: string }) => u.id))
    const cited = (await note()).draft!.sections.flatMap((s) => s.statements.flatMap((x) => x.evidence))
    expect(cited.filter((id) => /^u\d+$/.test(id) && !ids.has(id))).toEqual([])
    const reads = await auditRows(t, { action: 'transcript.read', targetId: noteId })
    expect(reads).toHaveLength(before + 1)
    expect(reads.at(-1)).toMatchObject({ outcome: 'success', details: { retained: true } })
    // Off the care team: refused like the note itself, and audited as a denial.
    const other = await t.login(t.users.b.clinician)
    expectProblem(await other.request('GET', `/api/notes/${noteId}/transcript`), 404, 'NOT_FOUND')
    expectProblem(await agents.biller.request('GET', `/api/notes/${noteId}/transcript`), 403, 'FORBIDDEN')
  })

  it('stores no plaintext of the uploaded transcript or the draft: the database file or dump holds ciphertext only', async () => {
    const phrases = distinctivePhrases(sample)
    expect(phrases.length).toBeGreaterThan(8)
    const view = await note()
    const statement = view.draft!.sections.flatMap((s) => s.statements)[0]!.text
    const stored = databaseBytes(t, kind)
    expect(stored.length).toBeGreaterThan(10_000)
    // The check can fail: the dump does hold the practice's name, stored in clear.
    expect(stored).toContain('Practice A')
    expect(phrases.filter((p) => stored.includes(p))).toEqual([])
    expect(stored).not.toContain(statement.slice(0, 30))
    expect(stored).not.toContain(CLIENT_NAME)
  })

  it('re-verifies each edit, refuses a stale version, and blocks signing while anything is unresolved', async () => {
    const before = await note()
    const section = before.draft!.sections.find((s) => s.statements.length >= 2)!
    const target = section.statements[0]!
    // A fabricated number in a statement on the same evidence: the verifier must catch it.
    const edited = await agents.clinician.request('PATCH', `/api/notes/${noteId}/statements`, {
      version: before.version,
      action: 'edit',
      section: section.key,
      index: 0,
      text: 'Client reported taking 40 mg of fluoxetine every morning for six years.',
    })
    expect(edited.statusCode, edited.body).toBe(200)
    const afterEdit: NoteView = edited.json()
    expect(afterEdit.version).toBe(before.version + 1)
    const changed = afterEdit.draft!.sections.find((s) => s.key === section.key)!.statements[0]!
    expect(changed).toMatchObject({ id: target.id, origin: 'edited', status: 'unsupported' })
    expect(changed.reasons?.length ?? 0).toBeGreaterThan(0)
    expect(afterEdit.blockers).toContainEqual(
      expect.objectContaining({ kind: 'unsupported-statement', statementId: target.id }),
    )

    const stale = await agents.clinician.request('PATCH', `/api/notes/${noteId}/statements`, {
      version: before.version,
      action: 'remove',
      section: section.key,
      index: 1,
    })
    expectProblem(stale, 409, 'CONFLICT')

    // A diagnosis nobody stated, written into a drafted statement: the scope guard flags it.
    const second = section.statements[1]!
    const dx = await agents.clinician.request('PATCH', `/api/notes/${noteId}/statements`, {
      version: afterEdit.version,
      action: 'edit',
      section: section.key,
      index: 1,
      text: `${second.text.replace(/\.$/, '')}, consistent with major depressive disorder.`,
    })
    expect(dx.statusCode, dx.body).toBe(200)
    const flagged: NoteView = dx.json()
    const scopeIndex = flagged.draft!.flags.findIndex((f) => f.kind.startsWith('scope.'))
    expect(scopeIndex).toBeGreaterThanOrEqual(0)
    expect(flagged.blockers.some((b) => b.kind === 'scope-flag')).toBe(true)

    const blocked = await agents.clinician.request('POST', `/api/notes/${noteId}/sign`, {
      version: flagged.version,
      attestation: true,
    })
    expectProblem(blocked, 409, 'SIGN_BLOCKED')
    expect(blocked.json().detail).toMatch(/unsupported statement/)
    expect(blocked.json().detail).toMatch(/scope flag/)
    expect(blocked.json().blockers).toEqual(flagged.blockers)
    expect((await auditRows(t, { action: 'note.sign_refused', targetId: noteId })).length).toBe(1)
    expect((await note()).state).toBe('draft')
  })

  it('signs once every blocker is resolved, keeping the AI draft, the diff and the review time; the transcript goes', async () => {
    let view = await note()
    for (const blocker of view.blockers) {
      const res =
        blocker.kind === 'unsupported-statement'
          ? await agents.clinician.request('PATCH', `/api/notes/${noteId}/statements`, {
              version: view.version,
              action: 'confirm',
              section: blocker.section,
              index: blocker.index,
              reason: 'Stated by the client after the recording stopped.',
            })
          : await agents.clinician.request('POST', `/api/notes/${noteId}/flags/resolve`, {
              version: view.version,
              flagIndex: blocker.flagIndex,
              action: 'confirm',
              reason: 'Diagnosis made by me at intake.',
            })
      expect(res.statusCode, res.body).toBe(200)
      view = res.json()
    }
    expect(view.blockers).toEqual([])
    t.clock.advance(7 * 60_000)
    const signed = await agents.clinician.request('POST', `/api/notes/${noteId}/sign`, {
      version: view.version,
      attestation: true,
    })
    expect(signed.statusCode, signed.body).toBe(200)
    const s: NoteView = signed.json()
    expect(s.state).toBe('signed')
    expect(s.signature).toMatchObject({
      signedBy: t.users.a.clinician.id,
      reviewSeconds: 420,
      cosignRequired: false,
      attestation: expect.stringMatching(/attest/),
    })
    expect(s.diff!.summary.edited).toBe(2)
    expect(s.diff!.text).toMatch(/^\+ Client reported taking 40 mg/m)
    expect(s.transcript).toMatchObject({ retained: false, deletedAt: expect.any(String) })
    const gone = await agents.clinician.request('GET', `/api/notes/${noteId}/transcript`)
    expect(gone.json()).toMatchObject({ retained: false, utterances: [], speakers: [] })
    const row = await t.deps.db
      .selectFrom('notes')
      .selectAll()
      .where('id', '=', noteId)
      .executeTakeFirstOrThrow()
    expect(row.ai_draft_enc).not.toBeNull()
    expect(row.signed_text_enc).not.toBeNull()
    expect(row.diff_enc).not.toBeNull()
    const deleted = await auditRows(t, { action: 'transcript.deleted', clientId })
    expect(deleted.map((r) => r.details.trigger)).toEqual(['sign'])
    expect((await auditRows(t, { action: 'note.signed', targetId: noteId })).length).toBe(1)
  })

  it('refuses any change to the signed note (409 NOTE_SIGNED, audited) and takes addenda', async () => {
    const view = await note()
    const attempts = [
      agents.clinician.request('PATCH', `/api/notes/${noteId}/statements`, {
        version: view.version,
        action: 'remove',
        section: view.draft!.sections[0]!.key,
        index: 0,
      }),
      agents.clinician.request('POST', `/api/notes/${noteId}/flags/resolve`, {
        version: view.version,
        flagIndex: 0,
        action: 'dismiss',
        reason: 'changing my mind',
      }),
      agents.clinician.request('POST', `/api/notes/${noteId}/sign`, {
        version: view.version,
        attestation: true,
      }),
      agents.clinician.request('POST', `/api/notes/${noteId}/redraft`, { format: 'dap' }),
    ]
    for (const res of await Promise.all(attempts)) expectProblem(res, 409, 'NOTE_SIGNED')
    expect((await auditRows(t, { action: 'note.change_refused', targetId: noteId })).length).toBe(4)
    expect((await note()).version).toBe(view.version)
    expect((await note()).addenda).toEqual([])

    const added = await agents.clinician.request('POST', `/api/notes/${noteId}/addenda`, {
      text: 'Client called the next day to report he had started the stretching routine.',
    })
    expect(added.statusCode, added.body).toBe(201)
    const after: NoteView = added.json()
    expect(after.addenda).toHaveLength(1)
    expect(after.addenda[0]).toMatchObject({
      authorId: t.users.a.clinician.id,
      text: expect.stringMatching(/^Client called/),
    })
    expect(after.draft).toEqual(view.draft)
    // A read finds it too (the note query says whether there are addenda to fetch).
    expect((await note()).addenda.map((a) => a.text)).toEqual([after.addenda[0]!.text])
  })

  it('routes a supervisee’s note to the linked supervisor for co-signature', async () => {
    const res = await agents.supervisee.request('POST', `/api/clients/${clientId}/encounters`, {
      occurredAt: '2026-01-05T16:00:00Z',
      service: 'individual',
      minutes: 45,
      noteFormat: 'dap',
      source: 'dictation',
      text: 'Met with the client for forty five minutes. Client reported sleeping better since starting the evening walks. We practiced paced breathing. Client agreed to keep a sleep diary this week.',
    })
    expect(res.statusCode, res.body).toBe(202)
    const sv = res.json() as { noteId: string }
    expect((await t.runJobs()).map((o) => o.outcome)).toEqual(['done'])
    let view: NoteView = (await agents.supervisee.request('GET', `/api/notes/${sv.noteId}`)).json()
    for (const blocker of view.blockers) {
      expect(blocker.kind).toBe('unsupported-statement')
      if (blocker.kind !== 'unsupported-statement') continue
      view = (
        await agents.supervisee.request('PATCH', `/api/notes/${sv.noteId}/statements`, {
          version: view.version,
          action: 'remove',
          section: blocker.section,
          index: blocker.index,
        })
      ).json()
    }
    const signed = await agents.supervisee.request('POST', `/api/notes/${sv.noteId}/sign`, {
      version: view.version,
      attestation: true,
    })
    expect(signed.statusCode, signed.body).toBe(200)
    expect(signed.json()).toMatchObject({ state: 'awaiting-cosign', signature: { cosignRequired: true } })
    // The dictation stays until the co-signature: the supervisor reviews with it.
    expect(signed.json().transcript.retained).toBe(true)

    const queue = await agents.supervisor.request('GET', '/api/notes?queue=cosign')
    expect(queue.json().notes.map((n: { id: string }) => n.id)).toEqual([sv.noteId])
    expectProblem(
      await agents.clinician.request('POST', `/api/notes/${sv.noteId}/cosign`, { attestation: true }),
      403,
      'FORBIDDEN',
    )
    const cosigned = await agents.supervisor.request('POST', `/api/notes/${sv.noteId}/cosign`, {
      attestation: true,
    })
    expect(cosigned.statusCode, cosigned.body).toBe(200)
    expect(cosigned.json()).toMatchObject({
      state: 'signed',
      signature: { cosignedBy: t.users.a.supervisor.id, signedBy: t.users.a.supervisee.id },
      transcript: { retained: false },
    })
    expectProblem(
      await agents.supervisor.request('POST', `/api/notes/${sv.noteId}/cosign`, { attestation: true }),
      409,
      'NOTE_SIGNED',
    )
    expect((await agents.supervisor.request('GET', '/api/notes?queue=cosign')).json().notes).toEqual([])
  })

  it('gives the biller codes, minutes, dates and signers only', async () => {
    const res = await agents.biller.request('GET', '/api/billing?from=2026-01-01&to=2026-01-31')
    expect(res.statusCode, res.body).toBe(200)
    const items = res.json().items as Record<string, unknown>[]
    expect(items).toHaveLength(2)
    expect(items[0]).toMatchObject({
      noteId,
      codes: ['90834'],
      signerName: 'clinician a',
      cosignerName: null,
    })
    expect(items[1]).toMatchObject({ signerName: 'supervisee a', cosignerName: 'supervisor a' })
    expect(res.body).not.toContain(CLIENT_NAME)
    expect(res.body).not.toMatch(/fluoxetine|Client reported/)
    expectProblem(await agents.biller.request('GET', `/api/notes/${noteId}`), 403, 'FORBIDDEN')
  })

  it('redrafts a draft in another format before signing; refuses bad uploads with clear problems that quote nothing', async () => {
    const res = await agents.clinician.request('POST', `/api/clients/${clientId}/encounters`, {
      occurredAt: '2026-01-06T14:00:00Z',
      service: 'individual',
      minutes: 50,
      noteFormat: 'dap',
      source: 'dictation',
      text: 'Client reported sleeping better since starting the evening walks. We practiced paced breathing.',
    })
    expect(res.statusCode, res.body).toBe(202)
    const { noteId: nid } = res.json()
    await t.runJobs()
    const draft: NoteView = (await agents.clinician.request('GET', `/api/notes/${nid}`)).json()
    expect(draft.format).toBe('dap')
    const redraft = await agents.clinician.request('POST', `/api/notes/${nid}/redraft`, { format: 'birp' })
    expect(redraft.statusCode, redraft.body).toBe(202)
    expect(redraft.json()).toMatchObject({ noteId: nid, version: draft.version + 1 })
    expect((await agents.clinician.request('GET', `/api/notes/${nid}`)).json()).toMatchObject({
      state: 'drafting',
      draft: null,
    })
    expectProblem(
      await agents.clinician.request('POST', `/api/notes/${nid}/redraft`, { format: 'soap' }),
      409,
      'CONFLICT',
    )
    expect((await t.runJobs()).map((o) => o.outcome)).toEqual(['done'])
    const again: NoteView = (await agents.clinician.request('GET', `/api/notes/${nid}`)).json()
    expect(again).toMatchObject({ state: 'draft', format: 'birp' })
    expect(again.draft!.sections.map((s) => s.key)).toEqual(['behavior', 'intervention', 'response', 'plan'])
    expect((await auditRows(t, { action: 'note.redraft_requested', targetId: nid })).length).toBe(1)
    // Only the author reviews: the supervisee on the care team may read, not sign.
    expectProblem(
      await agents.supervisee.request('POST', `/api/notes/${nid}/sign`, {
        version: again.version,
        attestation: true,
      }),
      403,
      'FORBIDDEN',
    )

    const garbage = await uploadTranscript(agents.clinician, clientId, fields(), {
      name: 'x.vtt',
      bytes: Buffer.from([0, 159, 146, 150, 0, 1, 2, 3, 255, 254, 0, 0]),
    })
    expect(garbage.statusCode).toBe(422)
    const noFile = await agents.clinician.request(
      'POST',
      `/api/clients/${clientId}/encounters/upload`,
      '--b\r\nContent-Disposition: form-data; name="source"\r\n\r\ntranscript\r\n--b--\r\n',
      { 'content-type': 'multipart/form-data; boundary=b' },
    )
    expectProblem(noFile, 422, 'VALIDATION_FAILED')
    const badField = await uploadTranscript(
      agents.clinician,
      clientId,
      { ...fields(), noteFormat: 'limerick' },
      { name: 's01.vtt', bytes: sample.bytes },
    )
    expectProblem(badField, 422, 'VALIDATION_FAILED')
    expect(badField.json().field).toBe('noteFormat')
    const notMember = await uploadTranscript(
      agents.clinician,
      clientId,
      { ...fields(), member: 'Somebody Else' },
      { name: 's01.vtt', bytes: sample.bytes },
    )
    expectProblem(notMember, 422, 'VALIDATION_FAILED')
    expect(notMember.body).not.toContain('Somebody Else')
  })

  it('stops drafting when consent is revoked before the job runs; only clinical access opens a note', async () => {
    const c = await agents.clinician.request('POST', '/api/clients', { name: 'Second Lifecycle Client' })
    const cid = c.json().id as string
    const consent = await agents.clinician.request('POST', `/api/clients/${cid}/consents`, AI_CONSENT)
    const res = await uploadTranscript(agents.clinician, cid, fields(), {
      name: 's01.vtt',
      bytes: sample.bytes,
    })
    expect(res.statusCode, res.body).toBe(202)
    const { noteId: nid, jobId: jid } = res.json()
    const revoked = await agents.clinician.request('POST', `/api/consents/${consent.json().id}/revoke`, {
      reason: 'Client withdrew consent.',
    })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect((await t.runJobs()).map((o) => o.outcome)).toEqual(['failed'])
    const job = (await agents.clinician.request('GET', `/api/jobs/${jid}`)).json()
    expect(job).toMatchObject({ state: 'failed', error: { code: 'CONSENT_REQUIRED' } })
    const failed = (await agents.clinician.request('GET', `/api/notes/${nid}`)).json()
    expect(failed).toMatchObject({ state: 'failed', draft: null })
    expect((await auditRows(t, { action: 'note.draft_failed', targetId: nid })).length).toBe(1)
    expect((await auditRows(t, { action: 'ai.run', targetId: nid })).length).toBe(0)
    expectProblem(
      await agents.clinician.request('POST', `/api/notes/${nid}/redraft`, { format: 'dap' }),
      403,
      'CONSENT_REQUIRED',
    )

    const outsider = track(await t.login(await seedUser(t, t.practices.a, ['clinician'])))
    expectProblem(await outsider.request('GET', `/api/notes/${noteId}`), 403, 'FORBIDDEN')
    expect(await auditRows(t, { action: 'access.denied', targetId: noteId })).toHaveLength(1)
    expect((await outsider.request('GET', '/api/notes')).json().notes).toEqual([])
    const foreign = track(await t.login(t.users.b.clinician))
    expectProblem(await foreign.request('GET', `/api/notes/${noteId}`), 404, 'NOT_FOUND')
    expectProblem(
      await foreign.request('POST', `/api/notes/${noteId}/addenda`, { text: 'From another practice.' }),
      404,
      'NOT_FOUND',
    )
  })

  it('keeps no PHI in logs or error bodies, and the audit chain verifies', async () => {
    const patterns = [...phiPatterns(sample), /Achterberg/, /1961-04-12/]
    const logs = t.logs.join('\n')
    expect(t.logs.length).toBeGreaterThan(20)
    expect(patterns.filter((p) => p.test(logs)).map(String)).toEqual([])
    expect(errorBodies.length).toBeGreaterThan(5)
    const bodies = errorBodies.join('\n')
    expect(patterns.filter((p) => p.test(bodies)).map(String)).toEqual([])
    expect(bodies).not.toMatch(/fluoxetine|depressive/)
    const verdict = await verifyAuditChain(t.deps.db)
    expect(verdict.ok).toBe(true)
  })

  it('after the whole lifecycle the database still holds no plaintext of the transcript, edits or addendum', () => {
    const stored = databaseBytes(t, kind)
    expect(distinctivePhrases(sample).filter((p) => stored.includes(p))).toEqual([])
    expect(stored).not.toMatch(
      /fluoxetine|depressive disorder|stretching routine|sleep diary|paced breathing/,
    )
    expect(stored).not.toContain(CLIENT_NAME)
  })
})
