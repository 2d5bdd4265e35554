import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { UserRole } from '../../src/modules/identity/index.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditActions, seedClient, seedEncounter, seedNote } from '../support/seed-records.js'

const CLIENT = 'Philippa Ravenscroft-Adeyemi'
const RECIPIENT = 'Northgate Family Court'
const ADDRESS = '400 Court Plaza, Springfield, IL 62701'

const manual = (overrides: Record<string, unknown> = {}) => ({
  disclosedAt: '2025-11-20',
  recipient: RECIPIENT,
  recipientAddress: ADDRESS,
  description: 'Treatment summary and attendance dates, October 2025',
  purpose: 'Response to a court order dated 2025-11-01',
  ...overrides,
})

describe.each(DB_KINDS)('disclosures on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>
  let clientId: string
  let otherClientId: string
  let noteId: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    const a = t.users.a
    clientId = await seedClient(t, {
      practiceId: t.practices.a,
      name: CLIENT,
      careTeam: [a.clinician.id, a.supervisee.id],
    })
    const enc = await seedEncounter(t, { practiceId: t.practices.a, clientId, clinicianId: a.clinician.id })
    noteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId,
      encounterId: enc,
      authorId: a.clinician.id,
    })
    otherClientId = await seedClient(t, { practiceId: t.practices.a, careTeam: [a.supervisor.id] })
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const [role, user] of Object.entries(t.users[p])) agents[p][role as UserRole] = await t.login(user)
    }
  })
  afterAll(async () => {
    await t.close()
  })

  const list = (agent: Agent, query = '', client = clientId) =>
    agent.request('GET', `/api/clients/${client}/disclosures${query}`)

  it('records a disclosure made outside Sidenote with the 164.528 fields, encrypted, and audited', async () => {
    const res = await agents.a.privacy_officer.request(
      'POST',
      `/api/clients/${clientId}/disclosures`,
      manual(),
    )
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({
      clientId,
      disclosedAt: '2025-11-20T00:00:00.000Z',
      recipient: RECIPIENT,
      recipientAddress: ADDRESS,
      description: 'Treatment summary and attendance dates, October 2025',
      purpose: 'Response to a court order dated 2025-11-01',
      consentId: null,
      noteId: null,
      madeBy: t.users.a.privacy_officer.id,
      part2: false,
    })
    const row = await t.deps.db
      .selectFrom('disclosures')
      .selectAll()
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow()
    for (const column of [
      row.recipient_enc,
      row.recipient_address_enc!,
      row.description_enc,
      row.purpose_enc,
    ])
      expect(column).not.toMatch(/Northgate|Court|Treatment|order/)
    const event = (await auditActions(t, { clientId })).find((e) => e.action === 'disclosure.recorded')
    expect(JSON.parse(event!.details)).toEqual({
      source: 'manual',
      part2: false,
      consent: false,
      note: false,
    })
  })

  it('lets the care team and admin record disclosures; refuses a biller, a clinician off the care team, and another practice', async () => {
    expect(
      (await agents.a.clinician.request('POST', `/api/clients/${clientId}/disclosures`, manual())).statusCode,
    ).toBe(201)
    expect(
      (await agents.a.admin.request('POST', `/api/clients/${clientId}/disclosures`, manual())).statusCode,
    ).toBe(201)
    expect(
      (await agents.a.biller.request('POST', `/api/clients/${clientId}/disclosures`, manual())).statusCode,
    ).toBe(403)
    expect(
      (await agents.a.clinician.request('POST', `/api/clients/${otherClientId}/disclosures`, manual()))
        .statusCode,
    ).toBe(403)
    for (const role of ['privacy_officer', 'admin', 'clinician'] as const)
      expect(
        (await agents.b[role].request('POST', `/api/clients/${clientId}/disclosures`, manual())).statusCode,
      ).toBe(404)
  })

  it('validates the entry: no future date, the note and consent must be the client’s, purpose required; no PHI echoed', async () => {
    const future = await agents.a.privacy_officer.request(
      'POST',
      `/api/clients/${clientId}/disclosures`,
      manual({ disclosedAt: '2026-02-01' }),
    )
    expect(future.statusCode).toBe(422)
    const otherEnc = await seedEncounter(t, {
      practiceId: t.practices.a,
      clientId: otherClientId,
      clinicianId: t.users.a.supervisor.id,
    })
    const otherNote = await seedNote(t, {
      practiceId: t.practices.a,
      clientId: otherClientId,
      encounterId: otherEnc,
      authorId: t.users.a.supervisor.id,
    })
    const wrongNote = await agents.a.privacy_officer.request(
      'POST',
      `/api/clients/${clientId}/disclosures`,
      manual({ noteId: otherNote }),
    )
    expect(wrongNote.statusCode).toBe(422)
    expect(wrongNote.json().field).toBe('noteId')
    const wrongConsent = await agents.a.privacy_officer.request(
      'POST',
      `/api/clients/${clientId}/disclosures`,
      manual({ consentId: '00000000-0000-4000-8000-000000000000' }),
    )
    expect(wrongConsent.statusCode).toBe(422)
    const noPurpose = await agents.a.privacy_officer.request(
      'POST',
      `/api/clients/${clientId}/disclosures`,
      manual({ purpose: undefined }),
    )
    expect(noPurpose.statusCode).toBe(400)
    for (const r of [future, wrongNote, wrongConsent, noPurpose]) {
      expect(r.body).not.toContain('Northgate')
      expect(r.body).not.toContain('Court Plaza')
    }
  })

  it('lists six years by default; `from` reaches further back and `to` cuts the window', async () => {
    const fresh = await seedClient(t, { practiceId: t.practices.a, careTeam: [t.users.a.clinician.id] })
    const post = (disclosedAt: string) =>
      agents.a.privacy_officer.request('POST', `/api/clients/${fresh}/disclosures`, manual({ disclosedAt }))
    // The clock stands at 2026-01-05T15:00Z: six years back is 2020-01-05T15:00Z.
    await post('2019-06-01')
    await post('2020-01-05T14:59:59Z')
    await post('2020-01-06')
    await post('2025-12-31T09:30:00Z')
    const byDefault = await list(agents.a.privacy_officer, '', fresh)
    expect(byDefault.statusCode).toBe(200)
    expect(byDefault.json()).toMatchObject({
      from: '2020-01-05T15:00:00.000Z',
      to: '2026-01-05T15:00:00.000Z',
    })
    expect(byDefault.json().disclosures.map((d: { disclosedAt: string }) => d.disclosedAt)).toEqual([
      '2025-12-31T09:30:00.000Z',
      '2020-01-06T00:00:00.000Z',
    ])
    const older = await list(agents.a.privacy_officer, '?from=2019-01-01', fresh)
    expect(older.json().disclosures).toHaveLength(4)
    const window = await list(agents.a.privacy_officer, '?from=2019-01-01&to=2020-01-06', fresh)
    expect(window.json().disclosures).toHaveLength(3)
    const backwards = await list(agents.a.privacy_officer, '?from=2026-01-01&to=2025-01-01', fresh)
    expect(backwards.statusCode).toBe(422)
  })

  it('lists an export to a recipient in the accounting with date, recipient, address, description and purpose', async () => {
    const exported = await agents.a.clinician.request('POST', `/api/notes/${noteId}/export.pdf`, {
      recipient: 'Dr. Hollis Whitford, PCP',
      recipientAddress: '88 Elm St, Springfield, IL 62704',
      purpose: 'Treatment: coordination with primary care',
    })
    expect(exported.statusCode).toBe(200)
    const res = await list(agents.a.privacy_officer)
    const entry = res.json().disclosures.find((d: { noteId: string | null }) => d.noteId === noteId)
    expect(entry).toMatchObject({
      disclosedAt: '2026-01-05T15:00:00.000Z',
      recipient: 'Dr. Hollis Whitford, PCP',
      recipientAddress: '88 Elm St, Springfield, IL 62704',
      description: 'DAP progress note for the session of 2026-01-02, signed 2026-01-05 (PDF export)',
      purpose: 'Treatment: coordination with primary care',
      madeBy: t.users.a.clinician.id,
      part2: false,
    })
  })

  it('shows the accounting to the privacy officer, admin, care team and supervisor; audits each read', async () => {
    for (const role of ['privacy_officer', 'admin', 'clinician', 'supervisee', 'supervisor'] as const)
      expect((await list(agents.a[role])).statusCode, role).toBe(200)
    const reads = (await auditActions(t, { clientId })).filter((e) => e.action === 'disclosure.listed')
    expect(reads.length).toBeGreaterThanOrEqual(5)
  })

  it('refuses the accounting to a biller, a clinician off the care team and another practice', async () => {
    expect((await list(agents.a.biller)).statusCode).toBe(403)
    expect((await list(agents.a.clinician, '', otherClientId)).statusCode).toBe(403)
    for (const role of ['privacy_officer', 'admin', 'clinician'] as const)
      expect((await list(agents.b[role])).statusCode).toBe(404)
  })

  it('lets an API token with audit:read read the accounting', async () => {
    const token = await t.token(t.users.a.privacy_officer, ['audit:read'])
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/clients/${clientId}/disclosures`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.statusCode).toBe(200)
  })

  it('writes no client name, recipient, address or purpose to the logs', () => {
    const logs = t.logs.join('\n')
    for (const phi of [CLIENT, 'Northgate', 'Court Plaza', 'Hollis', 'Elm St', 'court order'])
      expect(logs).not.toContain(phi)
  })
})
