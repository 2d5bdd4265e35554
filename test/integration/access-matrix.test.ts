import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserRole } from '../../src/modules/identity/index.js'
import type { NoteView } from '../../src/modules/notes/index.js'
import { newId } from '../../src/platform/ids.js'
import { type Agent, ROLES, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { AI_CONSENT, DICTATION, multipartBody } from '../support/notes.js'
import { seedUser } from '../support/people.js'
import { seedClient } from '../support/seed-records.js'

/**
 * Every route × every role × another practice's data. The table below is the design (who may do
 * what, docs/api-plan.md); the test checks the running server against it:
 * - a role the design allows gets its answer (2xx, or the listed outcome), on its own practice's data;
 * - any other role gets 403, an anonymous caller 401;
 * - the same allowed role in another practice, making the same call, gets 404 or 403 where the call
 *   names this practice's record, and never a byte of this practice's records (the client's name,
 *   the note's text) in any answer.
 * A route that is not in the table fails the test: a new route must be classified before it ships.
 */

const CLIENT_NAME = 'Evangelina Brightwater-Osei'
/** A phrase of the fixture's dictation (test/support/notes.ts), so of every drafted note. */
const NOTE_TEXT = 'evening walks'
const CLINICAL: readonly UserRole[] = ['clinician', 'supervisor', 'supervisee']

/** The records one call works on, made afresh for each call so that calls do not interfere. */
interface Fixture {
  clientId: string
  /** The client's active AI-processing consent. */
  consentId(): Promise<string>
  /** A user of the practice to administer. */
  targetUserId(): Promise<string>
  /** A note drafted by the clinician from a dictation and signed. */
  noteId(): Promise<string>
  /** A note drafted by the clinician, ready to sign, with a risk flag to resolve. */
  draft(): Promise<{ id: string; version: number }>
  /** A supervisee's signed note waiting for the linked supervisor. */
  cosignNoteId(): Promise<string>
  /** A drafting job. */
  jobId(): Promise<string>
}

interface Call {
  url: string
  body?: unknown
  headers?: Record<string, string>
}

interface RouteCase {
  /** Who may call it on their own practice's records. */
  allow: 'public' | 'any' | readonly UserRole[]
  request: (f: Fixture, t: TestApp, actor: Agent | null) => Promise<Call> | Call
  /** It names one practice's record: the same role elsewhere must not reach it. */
  record?: boolean
  /** Statuses that count as allowed (default: any 2xx). */
  ok?: readonly number[]
  /** Needs a session of its own (it ends or changes the caller's session). */
  ownSession?: boolean
}

const SCOPE_OF: Partial<Record<UserRole, string>> = { biller: 'billing:read', privacy_officer: 'audit:read' }

const encounter = {
  occurredAt: '2026-01-09T15:00:00Z',
  service: 'individual',
  minutes: 45,
  noteFormat: 'dap',
  source: 'dictation',
  text: 'Client reported sleeping better this week. Plan: continue weekly sessions.',
}

/** The encounter's form fields as text, without the text itself (it travels as the file). */
function multipartFields(fields: typeof encounter): Record<string, string> {
  const { text: _text, minutes, ...rest } = fields
  return { ...rest, minutes: String(minutes) }
}

/** The encounter's fields as a multipart form with the text as an uploaded file. */
function multipart(fields: typeof encounter): { body: Buffer; headers: Record<string, string> } {
  const { body, contentType } = multipartBody(multipartFields(fields), {
    name: 'dictation.txt',
    bytes: Buffer.from(fields.text),
  })
  return { body, headers: { 'content-type': contentType } }
}

const provider = () => ({
  id: `local-${newId().slice(0, 8)}`,
  name: 'Ollama in the office',
  baseUrl: 'http://127.0.0.1:11434/v1',
  model: 'llama3.1:8b',
  locality: 'practice-network',
})

const CASES: Record<string, RouteCase> = {
  'GET /api/health': { allow: 'public', request: () => ({ url: '/api/health' }) },
  'POST /api/auth/login': {
    allow: 'public',
    request: (_f, t) => ({
      url: '/api/auth/login',
      body: { email: t.users.a.clinician.email, password: 'wrong' },
    }),
    ok: [401],
  },
  'POST /api/auth/logout': { allow: 'any', request: () => ({ url: '/api/auth/logout' }), ownSession: true },
  'GET /api/session': { allow: 'any', request: () => ({ url: '/api/session' }) },
  'POST /api/auth/mfa/enroll': {
    allow: 'any',
    request: () => ({ url: '/api/auth/mfa/enroll' }),
    ownSession: true,
  },
  'POST /api/auth/mfa/verify': {
    allow: 'any',
    request: () => ({ url: '/api/auth/mfa/verify', body: { code: '000000' } }),
    ownSession: true,
    // No enrolment started, or a wrong code: refused on its merits, not at the door.
    ok: [400, 409, 422],
  },

  // Records: clinical roles and the admin (demographics and care teams, never note text)
  'GET /api/clients': { allow: [...CLINICAL, 'admin'], request: () => ({ url: '/api/clients' }) },
  'POST /api/clients': {
    allow: [...CLINICAL, 'admin'],
    request: () => ({ url: '/api/clients', body: { name: 'A New Client' } }),
  },
  'GET /api/clients/{id}': {
    allow: [...CLINICAL, 'admin'],
    request: (f) => ({ url: `/api/clients/${f.clientId}` }),
    record: true,
  },
  'PATCH /api/clients/{id}': {
    allow: [...CLINICAL, 'admin'],
    request: (f) => ({ url: `/api/clients/${f.clientId}`, body: { externalId: 'MRN-0001' } }),
    record: true,
  },
  'PUT /api/clients/{id}/care-team': {
    allow: [...CLINICAL, 'admin'],
    request: (f, t) => ({
      url: `/api/clients/${f.clientId}/care-team`,
      body: { userIds: [t.users.a.clinician.id, t.users.a.supervisee.id] },
    }),
    record: true,
  },
  'GET /api/billing': {
    allow: ['biller', 'admin'],
    request: () => ({ url: '/api/billing?from=2026-01-01&to=2026-12-31' }),
  },

  // Sessions and notes: clinical roles only
  'POST /api/clients/{id}/encounters': {
    allow: CLINICAL,
    request: (f) => ({ url: `/api/clients/${f.clientId}/encounters`, body: encounter }),
    record: true,
  },
  'POST /api/clients/{id}/encounters/upload': {
    allow: CLINICAL,
    request: (f) => ({ url: `/api/clients/${f.clientId}/encounters/upload`, ...multipart(encounter) }),
    record: true,
  },
  'POST /api/clients/{id}/encounters/audio': {
    allow: CLINICAL,
    request: async (f) => {
      const { body, contentType } = multipartBody(
        { ...multipartFields(encounter), transcriptionProviderId: 'no-such-provider' },
        { name: 'session.wav', bytes: Buffer.from('RIFF....WAVEfmt '), type: 'audio/wav' },
      )
      return {
        url: `/api/clients/${f.clientId}/encounters/audio`,
        body,
        headers: { 'content-type': contentType },
      }
    },
    // Past the door and the care-team check, the practice has no such transcription provider
    // (provider-backed transcription is tested in providers.test.ts).
    ok: [404],
    record: true,
  },
  'GET /api/notes': { allow: CLINICAL, request: (f) => ({ url: `/api/notes?clientId=${f.clientId}` }) },
  'GET /api/notes/{id}': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}` }),
    record: true,
  },
  'GET /api/notes/{id}/transcript': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}/transcript` }),
    record: true,
  },
  'PATCH /api/notes/{id}/statements': {
    // Reviewing and signing are the author's acts (the fixture's author is the clinician).
    allow: ['clinician'],
    request: async (f) => {
      const d = await f.draft()
      return {
        url: `/api/notes/${d.id}/statements`,
        body: {
          version: d.version,
          action: 'add',
          section: 'plan',
          text: 'Clinician will follow up next week.',
        },
      }
    },
    record: true,
  },
  'POST /api/notes/{id}/flags/resolve': {
    // Reviewing and signing are the author's acts (the fixture's author is the clinician).
    allow: ['clinician'],
    request: async (f) => {
      const d = await f.draft()
      return {
        url: `/api/notes/${d.id}/flags/resolve`,
        body: { version: d.version, flagIndex: 0, action: 'confirm', reason: 'Discussed in session.' },
      }
    },
    record: true,
  },
  'POST /api/notes/{id}/redraft': {
    // Reviewing and signing are the author's acts (the fixture's author is the clinician).
    allow: ['clinician'],
    request: async (f) => ({ url: `/api/notes/${(await f.draft()).id}/redraft`, body: { format: 'soap' } }),
    record: true,
  },
  'POST /api/notes/{id}/sign': {
    // Reviewing and signing are the author's acts (the fixture's author is the clinician).
    allow: ['clinician'],
    request: async (f) => {
      const d = await f.draft()
      return { url: `/api/notes/${d.id}/sign`, body: { version: d.version, attestation: true } }
    },
    record: true,
  },
  'POST /api/notes/{id}/cosign': {
    // Only the supervisor linked to the supervisee who wrote the note.
    allow: ['supervisor'],
    request: async (f) => ({
      url: `/api/notes/${await f.cosignNoteId()}/cosign`,
      body: { attestation: true },
    }),
    record: true,
  },
  'POST /api/notes/{id}/addenda': {
    allow: CLINICAL,
    request: async (f) => ({
      url: `/api/notes/${await f.noteId()}/addenda`,
      body: { text: 'Client called to reschedule.' },
    }),
    record: true,
  },
  'GET /api/jobs/{id}': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/jobs/${await f.jobId()}` }),
    record: true,
  },

  // AI providers (the admin)
  'GET /api/providers': { allow: ['admin'], request: () => ({ url: '/api/providers' }) },
  'GET /api/providers/choices': {
    allow: [...CLINICAL],
    request: () => ({ url: '/api/providers/choices' }),
  },
  'POST /api/providers': {
    allow: ['admin'],
    request: () => ({ url: '/api/providers', body: provider() }),
  },
  'PATCH /api/providers/{id}': {
    allow: ['admin'],
    request: async () => {
      const created = await adminA!.request('POST', '/api/providers', provider())
      if (created.statusCode !== 201)
        throw new Error(`provider fixture: ${created.statusCode} ${created.body}`)
      return {
        url: `/api/providers/${(created.json() as { id: string }).id}`,
        body: { model: 'llama3.2:3b' },
      }
    },
    record: true,
  },

  // Consent
  'GET /api/clients/{id}/consents': {
    // The front desk (admin) and the privacy officer check consents; they never see note text.
    allow: [...CLINICAL, 'admin', 'privacy_officer'],
    request: (f) => ({ url: `/api/clients/${f.clientId}/consents` }),
    record: true,
  },
  'POST /api/clients/{id}/consents': {
    allow: CLINICAL,
    request: (f) => ({ url: `/api/clients/${f.clientId}/consents`, body: AI_CONSENT }),
    record: true,
  },
  'POST /api/consents/{id}/revoke': {
    allow: CLINICAL,
    request: async (f) => ({
      url: `/api/consents/${await f.consentId()}/revoke`,
      body: { reason: 'Client asked.' },
    }),
    record: true,
  },

  // Disclosures
  'GET /api/clients/{id}/disclosures': {
    allow: [...CLINICAL, 'admin', 'privacy_officer'],
    request: (f) => ({ url: `/api/clients/${f.clientId}/disclosures` }),
    record: true,
  },
  'POST /api/clients/{id}/disclosures': {
    allow: [...CLINICAL, 'admin', 'privacy_officer'],
    request: (f) => ({
      url: `/api/clients/${f.clientId}/disclosures`,
      body: { recipient: 'County court', description: 'One progress note', purpose: 'Subpoena' },
    }),
    record: true,
  },

  // Exports of a signed note
  'GET /api/notes/{id}/export.pdf': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}/export.pdf` }),
    record: true,
  },
  'POST /api/notes/{id}/export.pdf': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}/export.pdf`, body: {} }),
    record: true,
  },
  'GET /api/notes/{id}/export.txt': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}/export.txt` }),
    record: true,
  },
  'POST /api/notes/{id}/export.txt': {
    allow: CLINICAL,
    request: async (f) => ({ url: `/api/notes/${await f.noteId()}/export.txt`, body: {} }),
    record: true,
  },

  // Identity administration
  'GET /api/users': { allow: ['admin', 'privacy_officer'], request: () => ({ url: '/api/users' }) },
  'POST /api/users': {
    allow: ['admin'],
    request: () => ({
      url: '/api/users',
      body: {
        email: `new.${newId().slice(0, 8)}@test.sidenote.test`,
        displayName: 'New Person',
        roles: ['biller'],
      },
    }),
  },
  'PATCH /api/users/{id}': {
    allow: ['admin'],
    request: async (f) => ({
      url: `/api/users/${await f.targetUserId()}`,
      body: { displayName: 'Renamed Person' },
    }),
    record: true,
  },
  'POST /api/users/{id}/reset-mfa': {
    allow: ['admin'],
    request: async (f) => ({ url: `/api/users/${await f.targetUserId()}/reset-mfa` }),
    record: true,
  },
  'GET /api/supervision-links': { allow: ['admin'], request: () => ({ url: '/api/supervision-links' }) },
  'POST /api/supervision-links': {
    allow: ['admin'],
    request: async (_f, t) => ({
      url: '/api/supervision-links',
      body: {
        supervisorId: t.users.a.supervisor.id,
        superviseeId: (await seedUser(t, t.practices.a, ['supervisee'])).id,
      },
    }),
  },
  'DELETE /api/supervision-links/{supervisorId}/{superviseeId}': {
    allow: ['admin'],
    request: async (_f, t) => {
      const supervisee = await seedUser(t, t.practices.a, ['supervisee'])
      await t.deps.db
        .insertInto('supervision_links')
        .values({
          practice_id: t.practices.a,
          supervisor_id: t.users.a.supervisor.id,
          supervisee_id: supervisee.id,
          created_at: t.clock.now().toISOString(),
        })
        .execute()
      return { url: `/api/supervision-links/${t.users.a.supervisor.id}/${supervisee.id}` }
    },
    record: true,
  },
  'GET /api/practice': { allow: 'any', request: () => ({ url: '/api/practice' }) },
  'PATCH /api/practice': {
    allow: ['admin'],
    request: () => ({ url: '/api/practice', body: { name: 'Practice A' } }),
  },
  'GET /api/tokens': { allow: 'any', request: () => ({ url: '/api/tokens' }) },
  'POST /api/tokens': {
    allow: 'any',
    // A token holds only scopes its owner's roles allow (tested in tokens.test.ts).
    request: (_f, _t, actor) => ({
      url: '/api/tokens',
      body: {
        name: 'integration',
        scopes: [SCOPE_OF[actor?.user.roles[0] ?? 'clinician'] ?? 'clients:read'],
      },
    }),
  },
  'DELETE /api/tokens/{id}': {
    allow: 'any',
    request: async (_f, t, actor) => {
      const id = newId()
      await t.deps.db
        .insertInto('api_tokens')
        .values({
          id,
          practice_id: actor?.user.practiceId ?? t.practices.a,
          user_id: actor?.user.id ?? t.users.a.admin.id,
          name: 'to revoke',
          token_hash: newId(),
          scopes: 'notes:read',
          created_at: t.clock.now().toISOString(),
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
        })
        .execute()
      return { url: `/api/tokens/${id}` }
    },
  },

  // Break-glass
  'POST /api/clients/{id}/break-glass': {
    allow: CLINICAL,
    request: (f) => ({
      url: `/api/clients/${f.clientId}/break-glass`,
      body: { reason: 'Client in the waiting room, covering clinician away.', minutes: 30 },
    }),
    // The care team has ordinary access: nothing to break (409). Others get a grant.
    ok: [200, 201, 409],
    record: true,
  },
  'GET /api/break-glass': {
    allow: ['privacy_officer'],
    request: () => ({ url: '/api/break-glass?status=all' }),
  },
  'POST /api/break-glass/{id}/review': {
    allow: ['privacy_officer'],
    request: async (f, t) => {
      // A clinician outside the care team opens the record in an emergency; the review is of that grant.
      const outsider = await t.login(await seedUser(t, t.practices.a, ['clinician']))
      const grant = await outsider.request('POST', `/api/clients/${f.clientId}/break-glass`, {
        reason: 'Client in the waiting room, covering clinician away.',
        minutes: 30,
      })
      if (grant.statusCode !== 201) throw new Error(`break-glass fixture: ${grant.statusCode} ${grant.body}`)
      const id = (grant.json() as { id: string }).id
      return {
        url: `/api/break-glass/${id}/review`,
        body: { appropriate: true, note: 'Covering clinician.' },
      }
    },
    record: true,
  },

  // Audit
  'GET /api/audit': { allow: ['admin', 'privacy_officer'], request: () => ({ url: '/api/audit' }) },
  'GET /api/audit/verify': {
    allow: ['admin', 'privacy_officer'],
    request: () => ({ url: '/api/audit/verify' }),
  },
}

/** Practice A's clinician, supervisee and admin, signed in once (sign-in is rate-limited per address and account). */
let clinicianA: Agent | undefined
let superviseeA: Agent | undefined
let adminA: Agent | undefined

const once = <T>(make: () => Promise<T>) => {
  let value: Promise<T> | undefined
  return () => {
    value ??= make()
    return value
  }
}

/** A note drafted through the API from a dictation, its job run, unsupported statements removed. */
async function draftThroughApi(t: TestApp, author: Agent, clientId: string): Promise<NoteView> {
  const res = await author.request('POST', `/api/clients/${clientId}/encounters`, {
    ...encounter,
    text: `${DICTATION} Client denied suicidal ideation.`,
  })
  if (res.statusCode !== 202) throw new Error(`encounter fixture: ${res.statusCode} ${res.body}`)
  const { noteId } = res.json() as { noteId: string }
  await t.runJobs()
  let view = (await author.request('GET', `/api/notes/${noteId}`)).json() as NoteView
  for (const b of view.blockers)
    if (b.kind === 'unsupported-statement')
      view = (
        await author.request('PATCH', `/api/notes/${noteId}/statements`, {
          version: view.version,
          action: 'remove',
          section: b.section,
          index: b.index,
        })
      ).json() as NoteView
  return view
}

async function signThroughApi(author: Agent, view: NoteView): Promise<string> {
  const res = await author.request('POST', `/api/notes/${view.id}/sign`, {
    version: view.version,
    attestation: true,
  })
  if (res.statusCode !== 200) throw new Error(`sign fixture: ${res.statusCode} ${res.body}`)
  return view.id
}

/** The records one call works on, made afresh (and only when asked for) for each call. */
async function fixture(t: TestApp): Promise<Fixture> {
  const a = t.users.a
  const clientId = await seedClient(t, {
    practiceId: t.practices.a,
    name: CLIENT_NAME,
    careTeam: [a.clinician.id, a.supervisee.id],
  })
  return {
    clientId,
    consentId: once(async () => {
      const res = await clinicianA!.request('POST', `/api/clients/${clientId}/consents`, AI_CONSENT)
      if (res.statusCode !== 201) throw new Error(`consent fixture: ${res.statusCode} ${res.body}`)
      return (res.json() as { id: string }).id
    }),
    targetUserId: once(async () => (await seedUser(t, t.practices.a, ['biller'])).id),
    noteId: once(async () => signThroughApi(clinicianA!, await draftThroughApi(t, clinicianA!, clientId))),
    draft: once(async () => {
      const view = await draftThroughApi(t, clinicianA!, clientId)
      return { id: view.id, version: view.version }
    }),
    cosignNoteId: once(async () =>
      signThroughApi(superviseeA!, await draftThroughApi(t, superviseeA!, clientId)),
    ),
    jobId: once(async () => {
      const res = await clinicianA!.request('POST', `/api/clients/${clientId}/encounters`, encounter)
      if (res.statusCode !== 202) throw new Error(`encounter fixture: ${res.statusCode} ${res.body}`)
      return (res.json() as { jobId: string }).jobId
    }),
  }
}

const methodOf = (key: string) => key.split(' ')[0]!
const allowed = (c: RouteCase, role: UserRole) =>
  c.allow === 'public' || c.allow === 'any' || c.allow.includes(role)
const okStatus = (c: RouteCase, status: number) =>
  c.ok ? c.ok.includes(status) || (status >= 200 && status < 300 && c.ok.some((s) => s < 300)) : status < 300

describe.each(DB_KINDS)('access matrix on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>

  beforeAll(async () => {
    t = await startTestApp(kind)
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    }
    clinicianA = agents.a.clinician
    superviseeA = agents.a.supervisee
    adminA = agents.a.admin
  })
  afterAll(async () => {
    await t?.close()
  })

  it('every route of the API description is classified here', async () => {
    const spec = (await t.anonymous('GET', '/api/openapi.json')).json() as { paths: Record<string, object> }
    const routes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    )
    expect(routes.filter((r) => !(r in CASES))).toEqual([])
    expect(Object.keys(CASES).filter((r) => !routes.includes(r))).toEqual([])
  })

  it.each(Object.keys(CASES))(
    '%s: allowed roles answered, others refused, other practices see nothing',
    async (key) => {
      const c = CASES[key]!
      const method = methodOf(key)
      const problems: string[] = []
      const send = async (agent: Agent | null, call: Call) =>
        agent
          ? agent.request(method, call.url, call.body, call.headers)
          : t.anonymous(method, call.url, call.body)
      const agentFor = async (p: 'a' | 'b', role: UserRole) =>
        // A person of that role of their own: the call ends or changes the session it is made in.
        c.ownSession ? t.login(await seedUser(t, t.practices[p], [role])) : agents[p][role]

      // Anonymous callers.
      {
        const res = await send(null, await c.request(await fixture(t), t, null))
        if (c.allow === 'public') {
          if (!okStatus(c, res.statusCode)) problems.push(`anonymous: ${res.statusCode}`)
        } else if (res.statusCode !== 401) problems.push(`anonymous: ${res.statusCode}, expected 401`)
      }
      if (c.allow === 'public') {
        expect(problems).toEqual([])
        return
      }

      for (const role of ROLES) {
        const agent = await agentFor('a', role)
        const res = await send(agent, await c.request(await fixture(t), t, agent))
        if (allowed(c, role)) {
          if (!okStatus(c, res.statusCode))
            problems.push(`${role}: ${res.statusCode} ${res.body.slice(0, 160)}`)
        } else if (res.statusCode !== 403) problems.push(`${role}: ${res.statusCode}, expected 403`)

        // Calls on the caller's own session (sign-out, MFA) name no record of anyone else's.
        if (allowed(c, role) && !c.ownSession) {
          const outsider = await agentFor('b', role)
          const other = await send(outsider, await c.request(await fixture(t), t, outsider))
          if (c.record && other.statusCode !== 404 && other.statusCode !== 403)
            problems.push(`${role} of another practice: ${other.statusCode}, expected 404 or 403`)
          if (other.body.includes(CLIENT_NAME) || other.body.includes(NOTE_TEXT))
            problems.push(`${role} of another practice: the answer holds this practice's record`)
        }
      }
      if (problems.length) console.log(`MATRIX ${kind} ${key}\n  ${problems.join('\n  ')}`)
      expect(problems).toEqual([])
    },
  )
})
