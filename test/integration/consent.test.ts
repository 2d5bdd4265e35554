import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireAiConsent } from '../../src/modules/consent/index.js'
import type { UserRole } from '../../src/modules/identity/index.js'
import { AppError } from '../../src/platform/errors.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditActions, seedClient } from '../support/seed-records.js'

const CLIENT_NAME = 'Marisol Quintanilla-Reyes'
const SIGNER = 'Marisol Quintanilla-Reyes (client)'
const RECIPIENT = 'Harbor View Recovery Clinic'

const aiConsent = (overrides: Record<string, unknown> = {}) => ({
  kind: 'ai-processing',
  scope: { recordings: false, transcripts: true, providers: [] },
  method: 'written',
  signer: SIGNER,
  signedAt: '2026-01-02',
  expiresAt: '2027-01-01',
  ...overrides,
})

const part2Consent = (overrides: Record<string, unknown> = {}) => ({
  kind: 'part2-disclosure',
  scope: { recipient: RECIPIENT, purposes: ['treatment'], information: 'Progress notes from January 2026' },
  method: 'written',
  signer: SIGNER,
  signedAt: '2026-01-02T10:00:00Z',
  expiresAt: '2026-12-31',
  ...overrides,
})

describe.each(DB_KINDS)('consent on %s', (kind) => {
  let t: TestApp
  let clientId: string
  let otherClientId: string
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>

  beforeAll(async () => {
    t = await startTestApp(kind)
    clientId = await seedClient(t, {
      practiceId: t.practices.a,
      name: CLIENT_NAME,
      careTeam: [t.users.a.clinician.id, t.users.a.supervisee.id],
    })
    otherClientId = await seedClient(t, { practiceId: t.practices.b, careTeam: [t.users.b.clinician.id] })
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const [role, user] of Object.entries(t.users[p])) agents[p][role as UserRole] = await t.login(user)
    }
  })
  afterAll(async () => {
    await t.close()
  })

  const record = (agent: Agent, body: unknown, client = clientId) =>
    agent.request('POST', `/api/clients/${client}/consents`, body)

  it('records an AI-processing consent with its scope, method, signer and dates; encrypts scope and signer; audits without PHI', async () => {
    const res = await record(agents.a.clinician, aiConsent())
    expect(res.statusCode).toBe(201)
    const consent = res.json()
    expect(consent).toMatchObject({
      clientId,
      kind: 'ai-processing',
      scope: { kind: 'ai-processing', transcripts: true, recordings: false, providers: [] },
      method: 'written',
      signer: SIGNER,
      signedAt: '2026-01-02T00:00:00.000Z',
      expiresAt: '2027-01-01T23:59:59.999Z',
      revokedAt: null,
      active: true,
      createdBy: t.users.a.clinician.id,
    })
    const row = await t.deps.db
      .selectFrom('consents')
      .selectAll()
      .where('id', '=', consent.id)
      .executeTakeFirstOrThrow()
    expect(row.signer_enc).not.toContain('Marisol')
    expect(row.scope_enc).not.toContain('transcripts')
    const events = await auditActions(t, { clientId })
    const recorded = events.find((e) => e.action === 'consent.recorded' && e.target_id === consent.id)
    expect(recorded).toBeDefined()
    expect(recorded!.details).not.toMatch(/Marisol|Harbor/)
  })

  it('records a Part 2 disclosure consent to a named recipient and a separate SUD counseling notes consent', async () => {
    const p2 = await record(agents.a.supervisee, part2Consent())
    expect(p2.statusCode).toBe(201)
    expect(p2.json().scope).toEqual({
      kind: 'part2-disclosure',
      recipient: RECIPIENT,
      purposes: ['treatment'],
      information: 'Progress notes from January 2026',
    })
    const sud = await record(
      agents.a.clinician,
      part2Consent({
        kind: 'sud-counseling-notes',
        scope: { recipient: RECIPIENT, purpose: 'care coordination', expirationEvent: 'end of treatment' },
        expiresAt: undefined,
      }),
    )
    expect(sud.statusCode).toBe(201)
    expect(sud.json()).toMatchObject({ kind: 'sud-counseling-notes', expiresAt: null, active: true })
  })

  it('lets the supervisor of a supervisee on the care team record consents', async () => {
    expect((await record(agents.a.supervisor, aiConsent())).statusCode).toBe(201)
  })

  it.each(['admin', 'biller', 'privacy_officer'] as const)('refuses recording by %s (role)', async (role) => {
    const res = await record(agents.a[role], aiConsent())
    expect(res.statusCode).toBe(403)
  })

  it('refuses a clinician without clinical access to the client, and audits the refusal', async () => {
    const outsider = agents.a.clinician
    await t.deps.db
      .deleteFrom('care_team')
      .where('client_id', '=', clientId)
      .where('user_id', '=', t.users.a.clinician.id)
      .execute()
    try {
      const res = await record(outsider, aiConsent())
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
      const denied = (await auditActions(t, { clientId })).filter((e) => e.action === 'access.denied')
      expect(denied.length).toBeGreaterThan(0)
    } finally {
      await t.deps.db
        .insertInto('care_team')
        .values({
          practice_id: t.practices.a,
          client_id: clientId,
          user_id: t.users.a.clinician.id,
          added_at: t.clock.now().toISOString(),
        })
        .execute()
    }
  })

  it("answers another practice's client as not found, for every role", async () => {
    for (const role of ['clinician', 'supervisor', 'supervisee'] as const) {
      const res = await record(agents.b[role], aiConsent())
      expect(res.statusCode).toBe(404)
    }
    for (const role of ['admin', 'privacy_officer', 'clinician'] as const) {
      const res = await agents.b[role].request('GET', `/api/clients/${clientId}/consents`)
      expect(res.statusCode).toBe(404)
    }
    const own = await record(agents.a.clinician, aiConsent(), otherClientId)
    expect(own.statusCode).toBe(404)
  })

  it('validates the form: a Part 2 consent needs an expiry, no future signature, expiry after signature, scope matches kind', async () => {
    const noExpiry = await record(agents.a.clinician, part2Consent({ expiresAt: undefined }))
    expect(noExpiry.statusCode).toBe(422)
    expect(noExpiry.json().field).toBe('expiresAt')
    const future = await record(agents.a.clinician, aiConsent({ signedAt: '2026-03-01' }))
    expect(future.statusCode).toBe(422)
    const backwards = await record(
      agents.a.clinician,
      aiConsent({ signedAt: '2026-01-02', expiresAt: '2025-12-01' }),
    )
    expect(backwards.statusCode).toBe(422)
    const mismatch = await record(
      agents.a.clinician,
      aiConsent({ scope: { recipient: RECIPIENT, purpose: 'x' } }),
    )
    expect(mismatch.statusCode).toBe(400)
    const nothing = await record(
      agents.a.clinician,
      aiConsent({ scope: { recordings: false, transcripts: false } }),
    )
    expect(nothing.statusCode).toBe(422)
    // None of the refusals repeat what was typed in.
    for (const r of [noExpiry, future, backwards, mismatch, nothing]) {
      expect(r.body).not.toContain('Marisol')
      expect(r.body).not.toContain('Harbor')
    }
  })

  it('lists consents to the care team, the supervisor, admin and privacy officer; audits the read', async () => {
    for (const role of ['clinician', 'supervisee', 'supervisor', 'admin', 'privacy_officer'] as const) {
      const res = await agents.a[role].request('GET', `/api/clients/${clientId}/consents`)
      expect(res.statusCode, role).toBe(200)
      expect(res.json().consents.length).toBeGreaterThanOrEqual(3)
    }
    const reads = (await auditActions(t, { clientId })).filter((e) => e.action === 'consent.read')
    expect(reads.length).toBeGreaterThanOrEqual(5)
    expect(JSON.parse(reads[0]!.details)).toHaveProperty('count')
  })

  it('refuses the list to a biller (role) and to a clinician outside the care team', async () => {
    expect((await agents.a.biller.request('GET', `/api/clients/${clientId}/consents`)).statusCode).toBe(403)
    const offTeam = await seedClient(t, { practiceId: t.practices.a, careTeam: [] })
    expect((await agents.a.clinician.request('GET', `/api/clients/${offTeam}/consents`)).statusCode).toBe(403)
  })

  it('lets an API token with clients:read list consents, but not record them', async () => {
    const token = await t.token(t.users.a.clinician, ['clients:read'])
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/clients/${clientId}/consents`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(list.statusCode).toBe(200)
    const write = await t.app.inject({
      method: 'POST',
      url: `/api/clients/${clientId}/consents`,
      headers: { authorization: `Bearer ${token}` },
      payload: aiConsent(),
    })
    expect(write.statusCode).toBe(403)
  })

  it('revocation stops future AI processing: requireAiConsent refuses once the consent is revoked', async () => {
    const fresh = await seedClient(t, { practiceId: t.practices.a, careTeam: [t.users.a.clinician.id] })
    const created = (await record(agents.a.clinician, aiConsent(), fresh)).json()
    const check = () =>
      requireAiConsent(t.deps.db, t.deps.vault, {
        practiceId: t.practices.a,
        clientId: fresh,
        now: t.clock.now(),
        material: 'transcript',
      })
    await expect(check()).resolves.toMatchObject({ id: created.id })
    await expect(
      requireAiConsent(t.deps.db, t.deps.vault, {
        practiceId: t.practices.a,
        clientId: fresh,
        now: t.clock.now(),
        material: 'recording',
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })

    expect(
      (await agents.a.admin.request('POST', `/api/consents/${created.id}/revoke`, { reason: 'x' }))
        .statusCode,
    ).toBe(403)
    expect(
      (await agents.b.clinician.request('POST', `/api/consents/${created.id}/revoke`, { reason: 'x' }))
        .statusCode,
    ).toBe(404)

    const revoked = await agents.a.clinician.request('POST', `/api/consents/${created.id}/revoke`, {
      reason: 'Client withdrew consent by phone on 2026-01-05',
    })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toMatchObject({ active: false, revokedAt: t.clock.now().toISOString() })
    expect(revoked.json().revocationReason).toMatch(/withdrew/)
    const err = await check().catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('CONSENT_REQUIRED')

    const again = await agents.a.clinician.request('POST', `/api/consents/${created.id}/revoke`, {
      reason: 'again',
    })
    expect(again.statusCode).toBe(409)
    const events = (await auditActions(t, { clientId: fresh })).map((e) => e.action)
    expect(events).toEqual(expect.arrayContaining(['consent.recorded', 'consent.revoked']))
  })

  it('treats an expired consent as inactive', async () => {
    const fresh = await seedClient(t, { practiceId: t.practices.a, careTeam: [t.users.a.clinician.id] })
    await record(agents.a.clinician, aiConsent({ signedAt: '2025-01-02', expiresAt: '2025-06-30' }), fresh)
    const list = (await agents.a.clinician.request('GET', `/api/clients/${fresh}/consents`)).json()
    expect(list.consents[0].active).toBe(false)
    await expect(
      requireAiConsent(t.deps.db, t.deps.vault, {
        practiceId: t.practices.a,
        clientId: fresh,
        now: t.clock.now(),
        material: 'transcript',
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
  })

  it('writes no client name, signer or recipient to the logs', () => {
    const logs = t.logs.join('\n')
    expect(logs).not.toContain('Marisol')
    expect(logs).not.toContain('Quintanilla')
    expect(logs).not.toContain('Harbor')
    expect(logs).not.toContain('withdrew')
  })
})
