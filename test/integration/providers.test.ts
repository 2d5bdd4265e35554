import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { draftNoteWithEngine, Provenance } from '../../src/core/providers/index.js'
import { parseTranscript, type Role } from '../../src/core/transcript/index.js'
import { verifyAuditChain } from '../../src/modules/audit/index.js'
import type { NoteView } from '../../src/modules/notes/index.js'
import { engineForPractice, serverProvider } from '../../src/modules/providers/index.js'
import { loadConfig } from '../../src/platform/config.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import {
  FAKE_WAV,
  type FakeOpenAi,
  quotingModel,
  type RecordedRequest,
  startFakeOpenAi,
  sttTranscription,
} from '../support/fake-openai.js'
import { AI_CONSENT, multipartBody, uploadTranscript } from '../support/notes.js'
import { auditRows } from '../support/people.js'
import { loadSamples, type Sample, samplesAvailable } from '../support/samples.js'

const CLIENT_NAME = 'Desmond Achterberg'
const API_KEY = 'sk-test-7f3a9c1e5b2d4f6a8c0e'

/** The samples README's rule: a gold identifier matches only between alphanumeric boundaries. */
function boundary(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`)
}

/** Everything that left for the fake provider: path, headers, raw body, decoded messages. */
function whatLeft(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r) => {
    const messages = (r.json as { messages?: { content: string }[] } | undefined)?.messages ?? []
    return [r.path, JSON.stringify(r.headers), r.text, ...messages.map((m) => m.content)]
  })
}

function leaks(identifiers: readonly string[], texts: readonly string[]): string[] {
  return [...new Set(identifiers)].filter((phi) => texts.some((t) => boundary(phi).test(t)))
}

const expectProblem = (res: LightMyRequestResponse, status: number, code: string) => {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
  expect(res.json().code).toBe(code)
}

describe.skipIf(!samplesAvailable()).each(DB_KINDS)('the practice’s AI providers on %s', (kind) => {
  let t: TestApp
  let fake: FakeOpenAi
  let sample: Sample
  let part2Sample: Sample
  const agents = {} as Record<'admin' | 'clinician' | 'privacyOfficer' | 'otherAdmin', Agent>

  const newClient = async (name: string, part2: boolean, providers: string[]): Promise<string> => {
    const res = await agents.clinician.request('POST', '/api/clients', { name, part2 })
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().id as string
    const consent = await agents.clinician.request('POST', `/api/clients/${id}/consents`, {
      ...AI_CONSENT,
      scope: { ...AI_CONSENT.scope, providers },
    })
    expect(consent.statusCode, consent.body).toBe(201)
    return id
  }

  /** Upload the sample for a client and run the draft job; the job's view and the note id. */
  const upload = (clientId: string, s: Sample, extra: Record<string, string> = {}) => {
    const roles = Object.fromEntries(Object.entries(s.gold.roles).filter(([label]) => label !== '*'))
    return uploadTranscript(
      agents.clinician,
      clientId,
      {
        occurredAt: '2026-01-05T14:00:00Z',
        service: 'individual',
        noteFormat: 'soap',
        source: 'transcript',
        roles: JSON.stringify(roles),
        ...extra,
      },
      { name: s.gold.file, bytes: s.bytes },
    )
  }

  /** An upload refused before anything is stored or sent: the problem, and the audit of the refusal. */
  const refusedUpload = async (
    clientId: string,
    s: Sample,
    status: number,
    code: string,
    extra: Record<string, string> = {},
  ) => {
    const before = (await auditRows(t, { action: 'encounter.created', clientId })).length
    const res = await upload(clientId, s, extra)
    expectProblem(res, status, code)
    const denied = (await auditRows(t, { action: 'encounter.created', clientId })).slice(before)
    expect(denied).toHaveLength(1)
    expect(denied[0]).toMatchObject({ outcome: 'denied' })
    return res.json() as { detail: string }
  }

  const draft = async (clientId: string, s: Sample, extra: Record<string, string> = {}) => {
    const res = await upload(clientId, s, extra)
    expect(res.statusCode, res.body).toBe(202)
    const { noteId, jobId } = res.json() as { noteId: string; jobId: string }
    await t.runJobs()
    const job = (await agents.clinician.request('GET', `/api/jobs/${jobId}`)).json()
    return { noteId, jobId, job }
  }

  const note = async (noteId: string): Promise<NoteView> => {
    const res = await agents.clinician.request('GET', `/api/notes/${noteId}`)
    expect(res.statusCode, res.body).toBe(200)
    return res.json()
  }

  beforeAll(async () => {
    const samples = loadSamples()
    sample = samples.find((s) => s.id === 's01')!
    part2Sample = samples.find((s) => s.gold.part2)!
    fake = await startFakeOpenAi((request) =>
      request.path.endsWith('/audio/transcriptions')
        ? { kind: 'json', body: sttTranscription(sample.bytes) }
        : { kind: 'chat', content: quotingModel(request) },
    )
    t = await startTestApp(kind)
    agents.admin = await t.login(t.users.a.admin)
    agents.clinician = await t.login(t.users.a.clinician)
    agents.privacyOfficer = await t.login(t.users.a.privacy_officer)
    agents.otherAdmin = await t.login(t.users.b.admin)
  })
  afterAll(async () => {
    await t?.close()
    await fake?.close()
  })

  it('keeps a registry per practice: admin only, validated, the key never returned, every change audited without it', async () => {
    const empty = await agents.admin.request('GET', '/api/providers')
    expect(empty.statusCode, empty.body).toBe(200)
    expect(empty.json().providers).toEqual([
      expect.objectContaining({
        id: 'embedded',
        locality: 'in-process',
        builtIn: true,
        draftingDefault: true,
      }),
    ])
    expectProblem(await agents.clinician.request('GET', '/api/providers'), 403, 'FORBIDDEN')
    expectProblem(await agents.privacyOfficer.request('GET', '/api/providers'), 403, 'FORBIDDEN')

    const entry = {
      id: 'office-llm',
      name: 'Ollama on the office GPU box',
      kind: 'openai-compatible',
      baseUrl: fake.url,
      model: 'llama3.1:8b',
      locality: 'practice-network',
      apiKey: API_KEY,
      draftingDefault: true,
    }
    // Sidenote's own secrets cannot be named as a key; a public host is not "the practice's network".
    expectProblem(
      await agents.admin.request('POST', '/api/providers', {
        ...entry,
        apiKey: undefined,
        apiKeyRef: 'SIDENOTE_MASTER_KEY',
      }),
      400,
      'VALIDATION_FAILED',
    )
    expectProblem(
      await agents.admin.request('POST', '/api/providers', {
        ...entry,
        baseUrl: 'https://api.example.com/v1',
      }),
      422,
      'VALIDATION_FAILED',
    )
    expectProblem(await agents.clinician.request('POST', '/api/providers', entry), 403, 'FORBIDDEN')

    const created = await agents.admin.request('POST', '/api/providers', entry)
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({
      id: 'office-llm',
      locality: 'practice-network',
      baaStatus: 'not-needed',
      hasApiKey: true,
      draftingDefault: true,
      builtIn: false,
    })
    expect(created.body).not.toContain(API_KEY)
    expectProblem(await agents.admin.request('POST', '/api/providers', entry), 409, 'CONFLICT')

    const list = await agents.admin.request('GET', '/api/providers')
    expect(list.body).not.toContain(API_KEY)
    expect(
      list.json().providers.map((p: { id: string; draftingDefault: boolean }) => [p.id, p.draftingDefault]),
    ).toEqual([
      ['embedded', false],
      ['office-llm', true],
    ])
    // The key is stored encrypted; the row holds no plaintext of it.
    const rows = await t.deps.db.selectFrom('providers').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.api_key_enc).toBeTruthy()
    expect(JSON.stringify(rows)).not.toContain(API_KEY)

    // Another practice neither sees nor changes it.
    const other = await agents.otherAdmin.request('GET', '/api/providers')
    expect(other.json().providers.map((p: { id: string }) => p.id)).toEqual(['embedded'])
    expectProblem(
      await agents.otherAdmin.request('PATCH', '/api/providers/office-llm', { model: 'x' }),
      404,
      'NOT_FOUND',
    )
    expectProblem(
      await agents.admin.request('PATCH', '/api/providers/embedded', { model: 'x' }),
      409,
      'CONFLICT',
    )

    // The server's own secrets cannot be named; a stored key does not follow the provider to a new host.
    for (const apiKeyRef of ['SIDENOTE_OPENAI_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'DATABASE_URL'])
      expectProblem(
        await agents.admin.request('PATCH', '/api/providers/office-llm', { apiKeyRef }),
        400,
        'VALIDATION_FAILED',
      )
    const moved = await agents.admin.request('PATCH', '/api/providers/office-llm', {
      baseUrl: 'http://10.0.0.9:11434/v1',
    })
    expectProblem(moved, 422, 'VALIDATION_FAILED')
    expect(moved.json().detail).toMatch(/give its key again/)
    const changed = await agents.admin.request('PATCH', '/api/providers/office-llm', { model: 'qwen2.5:14b' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().model).toBe('qwen2.5:14b')
    const audit = await auditRows(t, { action: 'provider.changed', targetId: 'office-llm' })
    expect(audit.map((a) => a.details.change)).toEqual(['created', 'updated'])
    expect(audit[0]!.details).toMatchObject({ 'hasApiKey.after': true, 'locality.after': 'practice-network' })
    expect(audit[1]!.details).toMatchObject({
      changed: 'model',
      'model.before': 'llama3.1:8b',
      'model.after': 'qwen2.5:14b',
    })
    expect(audit[0]!.actor_id).toBe(t.users.a.admin.id)
    expect(JSON.stringify(audit)).not.toContain(API_KEY)
  })

  it('drafts a note through the practice’s default provider: provenance recorded, no gold identifier reached it, every call audited without text', async () => {
    const clientId = await newClient(CLIENT_NAME, false, ['office-llm'])
    fake.requests.length = 0
    const { noteId, job } = await draft(clientId, sample)
    expect(job).toMatchObject({ state: 'done', error: null })

    const chats = fake.chatRequests()
    expect(chats).toHaveLength(1)
    expect(chats[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect((chats[0]!.json as { model: string }).model).toBe('qwen2.5:14b')
    const identifiers = [...sample.gold.phi.map((p) => p.text), CLIENT_NAME, ...CLIENT_NAME.split(' ')]
    expect(leaks(identifiers, whatLeft(fake.requests))).toEqual([])

    const view = await note(noteId)
    expect(view.state).toBe('draft')
    const engine = (view.provenance as { engine: { name: string; provenance?: unknown } }).engine
    expect(engine.name).toBe('openai-compatible')
    const provenance = Provenance.parse(engine.provenance)
    expect(provenance).toMatchObject({
      provider: 'office-llm',
      locality: 'practice-network',
      model: 'qwen2.5:14b',
      deidentified: true,
      attempts: 1,
    })
    expect(provenance.fallback).toBeUndefined()
    expect(provenance.promptVersion).toMatch(/\S/)
    expect(provenance.promptSha256).toMatch(/^[0-9a-f]{64}$/)
    expect(provenance.tokens.prompt).toBeGreaterThan(0)
    expect(provenance.tokens.completion).toBeGreaterThan(0)
    const statements = view.draft!.sections.flatMap((s) => s.statements)
    expect(statements.length).toBeGreaterThan(0)

    const egress = await auditRows(t, { action: 'ai.egress', clientId })
    expect(egress).toHaveLength(1)
    expect(egress[0]!.details).toMatchObject({
      purpose: 'draft',
      category: 'transcript-deidentified',
      recipient: 'Ollama on the office GPU box',
      locality: 'practice-network',
      part2: false,
    })
    const sent = JSON.parse(chats[0]!.text) as { messages: { content: string }[] }
    const characters = egress[0]!.details.characters as number
    expect(characters).toBeGreaterThan(1000)
    expect(characters).toBeLessThanOrEqual(chats[0]!.text.length)
    expect(sent.messages.length).toBeGreaterThan(0)
    // The audit log holds counts and names of recipients, never the text or an identifier.
    const everything = JSON.stringify(await auditRows(t, { clientId }))
    expect(
      leaks(
        sample.gold.phi.map((p) => p.text),
        [everything],
      ),
    ).toEqual([])
    expect(everything).not.toContain(sent.messages[1]!.content.slice(0, 40))
  })

  it('sends nothing to a provider the client’s AI-processing consent does not name (CONSENT_REQUIRED at upload, audited)', async () => {
    const clientId = await newClient('Marisol Quintanilla', false, [])
    fake.requests.length = 0
    // The practice's default is the office model: the upload is refused before anything is stored.
    const problem = await refusedUpload(clientId, sample, 403, 'CONSENT_REQUIRED')
    expect(problem.detail).toMatch(/does not name the provider "Ollama on the office GPU box"/)
    expect(fake.requests).toHaveLength(0)
    // The embedded engine, named, needs nothing more than the consent the client gave.
    const { noteId, job } = await draft(clientId, sample, { providerId: 'embedded' })
    expect(job).toMatchObject({ state: 'done' })
    expect((await note(noteId)).state).toBe('draft')
    expect(fake.requests).toHaveLength(0)
    const refused = await auditRows(t, { action: 'ai.egress_refused', clientId })
    expect(refused).toHaveLength(1)
    expect(refused[0]).toMatchObject({ outcome: 'denied', target_id: 'office-llm' })
    expect(refused[0]!.details).toMatchObject({ characters: 0 })
  })

  it('refuses a hosted provider without an active BAA with a clear error and an audit event; drafts once the BAA is recorded', async () => {
    const hosted = await agents.admin.request('POST', '/api/providers', {
      id: 'cloud-gpt',
      name: 'Hosted model',
      baseUrl: fake.url,
      model: 'gpt-4o-mini',
      locality: 'hosted',
      apiKeyRef: 'SIDENOTE_PROVIDER_CLOUD_KEY',
    })
    expect(hosted.statusCode, hosted.body).toBe(201)
    expect(hosted.json()).toMatchObject({ baaStatus: 'missing', hasApiKey: false, draftingDefault: false })
    const clientId = await newClient('Thaddeus Oyelaran', false, ['office-llm', 'cloud-gpt'])
    fake.requests.length = 0
    process.env.SIDENOTE_PROVIDER_CLOUD_KEY = 'sk-cloud-key'
    try {
      const refused = await refusedUpload(clientId, sample, 403, 'EGRESS_REFUSED', {
        providerId: 'cloud-gpt',
      })
      expect(refused.detail).toMatch(/hosted provider and no Business Associate Agreement is recorded/)
      // A dictation needs no AI-processing consent, but it is still PHI: no BAA, no upload.
      const dictated = await agents.clinician.request('POST', `/api/clients/${clientId}/encounters`, {
        occurredAt: '2026-01-05T14:00:00Z',
        service: 'individual',
        noteFormat: 'soap',
        source: 'dictation',
        providerId: 'cloud-gpt',
        text: 'Pt reports sleeping 5 hrs. Denies SI. RTC 2 wks.',
      })
      expectProblem(dictated, 403, 'EGRESS_REFUSED')
      expect(fake.requests).toHaveLength(0)
      const events = await auditRows(t, { action: 'ai.egress_refused', clientId })
      expect(events).toHaveLength(2) // the transcript and the dictation
      for (const event of events) {
        expect(event).toMatchObject({ outcome: 'denied', target_id: 'cloud-gpt' })
        expect(event.details).toMatchObject({ locality: 'hosted', characters: 0 })
        expect(String(event.details.reason)).toMatch(/Business Associate Agreement/)
      }

      // An expired BAA is no better; a BAA in force lets de-identified text go.
      const expired = await agents.admin.request('PATCH', '/api/providers/cloud-gpt', {
        baa: { signedAt: '2024-01-01', expiresAt: '2025-12-31', reference: 'BAA-2024-07' },
      })
      expect(expired.json()).toMatchObject({ baaStatus: 'expired' })
      await refusedUpload(clientId, sample, 403, 'EGRESS_REFUSED', { providerId: 'cloud-gpt' })
      expect(fake.requests).toHaveLength(0)

      const signed = await agents.admin.request('PATCH', '/api/providers/cloud-gpt', {
        baa: { signedAt: '2025-12-01', reference: 'BAA-2025-11' },
      })
      expect(signed.json()).toMatchObject({ baaStatus: 'active', baa: { reference: 'BAA-2025-11' } })
      const baaAudit = await auditRows(t, { action: 'provider.changed', targetId: 'cloud-gpt' })
      expect(baaAudit.at(-1)!.details).toMatchObject({
        'baa.reference.before': 'BAA-2024-07',
        'baa.reference.after': 'BAA-2025-11',
        'baa.expiresAt.before': '2025-12-31',
        'baa.expiresAt.after': null,
      })
      const ok = await draft(clientId, sample, { providerId: 'cloud-gpt' })
      expect(ok.job).toMatchObject({ state: 'done' })
      expect(fake.chatRequests()).toHaveLength(1)
      expect(fake.chatRequests()[0]!.headers.authorization).toBe('Bearer sk-cloud-key')
      expect(
        leaks(
          sample.gold.phi.map((p) => p.text),
          whatLeft(fake.requests),
        ),
      ).toEqual([])
      const engine = ((await note(ok.noteId)).provenance as { engine: { provenance?: unknown } }).engine
      expect(Provenance.parse(engine.provenance)).toMatchObject({
        provider: 'cloud-gpt',
        locality: 'hosted',
        deidentified: true,
      })
    } finally {
      delete process.env.SIDENOTE_PROVIDER_CLOUD_KEY
    }
  })

  it('falls back to the embedded engine after two unusable answers and says so in the provenance', async () => {
    const clientId = await newClient('Ingrid Vasquez-Holm', false, ['office-llm'])
    fake.requests.length = 0
    fake.enqueue(
      { kind: 'chat', content: 'Sure! Here is the note: {not json' },
      { kind: 'chat', content: '{"sections": 7}' },
    )
    const { noteId, job } = await draft(clientId, sample)
    expect(job).toMatchObject({ state: 'done' })
    expect(fake.chatRequests()).toHaveLength(2)
    const view = await note(noteId)
    const engine = (view.provenance as { engine: { name: string; provenance?: unknown } }).engine
    expect(engine.name).toBe('embedded')
    const provenance = Provenance.parse(engine.provenance)
    expect(provenance).toMatchObject({ provider: 'office-llm', model: 'qwen2.5:14b', attempts: 2 })
    expect(provenance.fallback).toMatch(/\S/)
    expect(view.draft!.sections.flatMap((s) => s.statements).length).toBeGreaterThan(3)
    expect(await auditRows(t, { action: 'ai.egress', clientId })).toHaveLength(2)
  })

  it('sends a Part 2 record only when the client’s Part 2 consent names the provider', async () => {
    const clientId = await newClient('Rowan Achebe-Lindqvist', true, ['office-llm'])
    fake.requests.length = 0
    const refused = await refusedUpload(clientId, part2Sample, 403, 'CONSENT_REQUIRED')
    expect(refused.detail).toMatch(/42 CFR Part 2/)
    expect(fake.requests).toHaveLength(0)
    const events = await auditRows(t, { action: 'ai.egress_refused', clientId })
    expect(events.map((e) => e.details.part2)).toEqual([true])

    const consent = await agents.clinician.request('POST', `/api/clients/${clientId}/consents`, {
      kind: 'part2-disclosure',
      scope: {
        recipient: 'office-llm',
        purposes: ['treatment'],
        information: 'Session transcripts for note drafting',
      },
      method: 'written',
      signer: 'The client',
      signedAt: '2026-01-02',
      expiresAt: '2026-12-31',
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const ok = await draft(clientId, part2Sample)
    expect(ok.job).toMatchObject({ state: 'done' })
    expect(fake.chatRequests()).toHaveLength(1)
    expect(
      leaks(
        part2Sample.gold.phi.map((p) => p.text),
        whatLeft(fake.requests),
      ),
    ).toEqual([])
    const sent = await auditRows(t, { action: 'ai.egress', clientId })
    expect(sent.map((e) => e.details.part2)).toEqual([true])
  })

  it('drafts with the server’s configured model where the practice chose none (engineForPractice directly)', async () => {
    expect(() => loadConfig({ SIDENOTE_ENGINE: 'openai' })).toThrow(/SIDENOTE_OPENAI_BASE_URL: required/)
    const config = loadConfig(
      {
        SIDENOTE_ENGINE: 'openai',
        SIDENOTE_OPENAI_BASE_URL: fake.url,
        SIDENOTE_OPENAI_MODEL: 'server-model',
        SIDENOTE_OPENAI_API_KEY: 'sk-server',
      },
      { masterKey: t.deps.config.masterKey },
    )
    expect(serverProvider(config)).toMatchObject({ id: 'server', locality: 'practice-network' })
    const deps = { ...t.deps, config }
    const b = await t.login(t.users.b.clinician)
    const created = await b.request('POST', '/api/clients', { name: 'Ottoline Brandvold', part2: false })
    const clientId = created.json().id as string
    for (const providers of [['office-llm'], ['server']])
      expect(
        (
          await b.request('POST', `/api/clients/${clientId}/consents`, {
            ...AI_CONSENT,
            scope: { ...AI_CONSENT.scope, providers },
            signedAt: providers[0] === 'server' ? '2026-01-05' : '2026-01-02',
          })
        ).statusCode,
      ).toBe(201)
    const transcript = parseTranscript(sample.bytes, {
      roles: Object.fromEntries(Object.entries(sample.gold.roles).filter(([l]) => l !== '*')) as Record<
        string,
        Role
      >,
    })

    // Practice B has no registry: the server's model drafts, behind the same guard.
    const engine = await engineForPractice(deps, t.practices.b, { subject: { clientId } })
    expect(engine.provider).toMatchObject({ id: 'server', model: 'server-model' })
    fake.requests.length = 0
    const drafted = await draftNoteWithEngine(transcript, { format: 'soap' }, engine)
    expect(Provenance.parse(drafted.engine.provenance)).toMatchObject({
      provider: 'server',
      model: 'server-model',
    })
    expect(fake.chatRequests()[0]!.headers.authorization).toBe('Bearer sk-server')
    expect(
      leaks(
        sample.gold.phi.map((p) => p.text),
        whatLeft(fake.requests),
      ),
    ).toEqual([])
    expect(await auditRows(t, { action: 'ai.egress', clientId })).toMatchObject([{ target_id: 'server' }])

    // Without a subject, no consent can be checked: nothing is sent.
    const blind = await engineForPractice(deps, t.practices.b)
    await expect(draftNoteWithEngine(transcript, { format: 'soap' }, blind)).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
    })
    expect(fake.chatRequests()).toHaveLength(1)
    // Practice A's own default wins over the server's; making the embedded engine the default keeps all at home.
    expect((await engineForPractice(deps, t.practices.a, { subject: { clientId } })).provider.id).toBe(
      'office-llm',
    )
    const made = await agents.admin.request('PATCH', '/api/providers/embedded', { draftingDefault: true })
    expect(made.json()).toMatchObject({ id: 'embedded', draftingDefault: true })
    expect((await engineForPractice(deps, t.practices.a)).provider.id).toBe('embedded')
    expect((await engineForPractice(deps, t.practices.a, { providerId: 'office-llm' })).provider.id).toBe(
      'office-llm',
    )
    await expect(engineForPractice(deps, t.practices.a, { providerId: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
  })

  it('transcribes a session recording through the practice’s provider: consent first, audio deleted after, all audited, then drafted', async () => {
    const whisper = await agents.admin.request('POST', '/api/providers', {
      id: 'office-whisper',
      name: 'faster-whisper in the office',
      baseUrl: fake.url,
      model: 'Systran/faster-whisper-large-v3',
      locality: 'practice-network',
    })
    expect(whisper.statusCode, whisper.body).toBe(201)
    const roles = Object.fromEntries(Object.entries(sample.gold.roles).filter(([label]) => label !== '*'))
    const send = (clientId: string, transcriptionProviderId = 'office-whisper') => {
      const { body, contentType } = multipartBody(
        {
          occurredAt: '2026-01-05T14:00:00Z',
          service: 'individual',
          noteFormat: 'soap',
          roles: JSON.stringify(roles),
          transcriptionProviderId,
        },
        { name: 'session.wav', bytes: Buffer.from(FAKE_WAV), type: 'audio/wav' },
      )
      return agents.clinician.request('POST', `/api/clients/${clientId}/encounters/audio`, body, {
        'content-type': contentType,
      })
    }

    // Consent to transcripts only: the recording is not sent, and it is discarded (audited).
    const noRecordings = await newClient('Perpetua Okonkwo-Hale', false, ['office-whisper'])
    fake.requests.length = 0
    const refused = await send(noRecordings)
    expectProblem(refused, 403, 'CONSENT_REQUIRED')
    expect(refused.json().detail).toMatch(/consent to AI processing of recordings/)
    expect(fake.requests).toHaveLength(0)
    expect(
      (await auditRows(t, { action: 'ai.egress_refused', clientId: noRecordings }))[0]!.details,
    ).toMatchObject({
      purpose: 'transcription',
      category: 'audio',
    })
    expect(
      (await auditRows(t, { action: 'audio.deleted', clientId: noRecordings }))[0]!.details,
    ).toMatchObject({
      transcribed: false,
    })
    expect(
      await t.deps.db.selectFrom('encounters').where('client_id', '=', noRecordings).selectAll().execute(),
    ).toEqual([])

    // With consent to recordings naming the provider: transcribed, deleted, then drafted.
    const res = await agents.clinician.request('POST', '/api/clients', {
      name: 'Cosima Trevelyan',
      part2: false,
    })
    const clientId = res.json().id as string
    const consent = await agents.clinician.request('POST', `/api/clients/${clientId}/consents`, {
      ...AI_CONSENT,
      scope: { recordings: true, transcripts: true, providers: ['office-whisper'] },
    })
    expect(consent.statusCode, consent.body).toBe(201)
    const accepted = await send(clientId)
    expect(accepted.statusCode, accepted.body).toBe(202)
    const sent = fake.requests.filter((r) => r.path.endsWith('/audio/transcriptions'))
    expect(sent).toHaveLength(1)
    expect(sent[0]!.body.includes(FAKE_WAV)).toBe(true)
    const egress = await auditRows(t, { action: 'ai.egress', clientId })
    expect(egress.map((e) => [e.details.purpose, e.details.category, e.target_id])).toEqual([
      ['transcription', 'audio', 'office-whisper'],
    ])
    expect(egress[0]!.details.bytes).toBe(FAKE_WAV.length)
    const deleted = await auditRows(t, { action: 'audio.deleted', clientId })
    expect(deleted).toHaveLength(1)
    expect(deleted[0]!.details).toMatchObject({ purpose: 'audio-deleted', bytes: FAKE_WAV.length })
    expect(deleted[0]!.seq).toBeGreaterThan(egress[0]!.seq)

    const { noteId, jobId } = accepted.json() as { noteId: string; jobId: string }
    await t.runJobs()
    expect((await agents.clinician.request('GET', `/api/jobs/${jobId}`)).json()).toMatchObject({
      state: 'done',
    })
    const view = await note(noteId)
    expect(view.state).toBe('draft')
    expect(view.draft!.sections.flatMap((s) => s.statements).length).toBeGreaterThan(3)
    expect(view.provenance).toMatchObject({ transcriptFormat: 'stt-json' })

    // A hosted speech-to-text service without a BAA gets nothing.
    const hosted = await agents.admin.request('POST', '/api/providers', {
      id: 'cloud-whisper',
      name: 'Hosted transcription',
      baseUrl: fake.url,
      model: 'whisper-1',
      locality: 'hosted',
    })
    expect(hosted.statusCode, hosted.body).toBe(201)
    await agents.clinician.request('POST', `/api/clients/${clientId}/consents`, {
      ...AI_CONSENT,
      scope: { recordings: true, transcripts: true, providers: ['cloud-whisper'] },
    })
    fake.requests.length = 0
    expectProblem(await send(clientId, 'cloud-whisper'), 403, 'EGRESS_REFUSED')
    expect(fake.requests).toHaveLength(0)
    expectProblem(await send(clientId, 'no-such-provider'), 404, 'NOT_FOUND')
  })

  it('a disabled provider stops drafting and stops being the default; a key reference replaces a stored key', async () => {
    const chosen = await agents.admin.request('PATCH', '/api/providers/office-llm', { draftingDefault: true })
    expect(chosen.json()).toMatchObject({ draftingDefault: true })
    const disabled = await agents.admin.request('PATCH', '/api/providers/office-llm', { active: false })
    expect(disabled.json()).toMatchObject({ active: false, draftingDefault: false })
    const list = (await agents.admin.request('GET', '/api/providers')).json()
    expect(list.providers.find((p: { draftingDefault: boolean }) => p.draftingDefault).id).toBe('embedded')
    const audit = await auditRows(t, { action: 'provider.changed', targetId: 'office-llm' })
    expect(audit.at(-1)!.details).toMatchObject({
      'active.before': true,
      'active.after': false,
      'draftingDefault.before': 'office-llm',
      'draftingDefault.after': 'embedded',
    })
    expect((await engineForPractice(t.deps, t.practices.a)).provider.id).toBe('embedded')
    await expect(
      engineForPractice(t.deps, t.practices.a, { providerId: 'office-llm' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    })
    expectProblem(
      await agents.admin.request('PATCH', '/api/providers/office-llm', { draftingDefault: true }),
      409,
      'CONFLICT',
    )

    const referenced = await agents.admin.request('PATCH', '/api/providers/office-llm', {
      apiKeyRef: 'SIDENOTE_PROVIDER_OFFICE_LLM_KEY',
    })
    expect(referenced.json()).toMatchObject({
      hasApiKey: false,
      apiKeyRef: 'SIDENOTE_PROVIDER_OFFICE_LLM_KEY',
    })
    const row = await t.deps.db
      .selectFrom('providers')
      .selectAll()
      .where('registry_id', '=', 'office-llm')
      .where('practice_id', '=', t.practices.a)
      .executeTakeFirstOrThrow()
    expect(row.api_key_enc).toBeNull()
    expect(
      (await auditRows(t, { action: 'provider.changed', targetId: 'office-llm' })).at(-1)!.details,
    ).toMatchObject({
      'hasApiKey.before': true,
      'hasApiKey.after': false,
      'apiKeyRef.after': 'SIDENOTE_PROVIDER_OFFICE_LLM_KEY',
    })
  })

  it('shows clinicians the active outside providers to name in a consent or transcribe with: no endpoint, model or key', async () => {
    const res = await agents.clinician.request('GET', '/api/providers/choices')
    expect(res.statusCode, res.body).toBe(200)
    const { providers } = res.json() as { providers: Record<string, unknown>[] }
    const ids = providers.map((p) => p.id)
    // office-llm was disabled above; the in-process engine needs no consent naming it.
    expect(ids).toEqual(expect.arrayContaining(['office-whisper', 'cloud-whisper']))
    expect(ids).not.toContain('office-llm')
    expect(ids).not.toContain('embedded')
    for (const p of providers)
      expect(Object.keys(p).sort()).toEqual(
        ['baaStatus', 'builtIn', 'draftingDefault', 'id', 'locality', 'name'].sort(),
      )
    expect(providers.find((p) => p.id === 'office-whisper')).toMatchObject({
      locality: 'practice-network',
      baaStatus: 'not-needed',
      builtIn: false,
    })
    // Another practice's clinicians see their own registry only.
    const other = await t.login(t.users.b.clinician)
    const theirs = (await other.request('GET', '/api/providers/choices')).json() as {
      providers: { id: string }[]
    }
    expect(theirs.providers.map((p) => p.id)).not.toContain('office-whisper')
  })

  it('keeps the audit chain intact through all of it', async () => {
    expect(await verifyAuditChain(t.deps.db)).toMatchObject({ ok: true })
  })
})
