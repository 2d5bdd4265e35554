import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditRows, seedUser } from '../support/people.js'

const NAME = 'Henrietta Vasquez-Lindqvist'

describe.each(DB_KINDS)('records routes on %s', (kind) => {
  let t: TestApp
  const a = {} as Record<'admin' | 'clinician' | 'supervisor' | 'supervisee' | 'biller' | 'outsider', Agent>
  let otherPracticeClient: string
  let clientId: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    for (const role of ['admin', 'clinician', 'supervisor', 'supervisee', 'biller'] as const)
      a[role] = await t.login(t.users.a[role])
    a.outsider = await t.login(await seedUser(t, t.practices.a, ['clinician']))
    const b = await t.login(t.users.b.clinician)
    otherPracticeClient = (await b.request('POST', '/api/clients', { name: 'Other Practice Client' })).json()
      .id
  })
  afterAll(async () => {
    await t?.close()
  })

  it('creates a client with encrypted demographics; its creator joins the care team; audited without PHI', async () => {
    const res = await a.clinician.request('POST', '/api/clients', {
      name: NAME,
      dateOfBirth: '1984-02-29',
      externalId: 'MRN-55821',
      part2: true,
    })
    expect(res.statusCode, res.body).toBe(201)
    const client = res.json()
    clientId = client.id
    expect(client).toMatchObject({
      name: NAME,
      dateOfBirth: '1984-02-29',
      externalId: 'MRN-55821',
      part2: true,
    })
    expect(client.careTeam.map((m: { userId: string }) => m.userId)).toEqual([t.users.a.clinician.id])
    const row = await t.deps.db
      .selectFrom('clients')
      .selectAll()
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow()
    expect(`${row.name_enc}${row.dob_enc}${row.external_id_enc}`).not.toMatch(/Henrietta|1984|MRN/)
    const created = await auditRows(t, { action: 'client.created', targetId: clientId })
    expect(created).toHaveLength(1)
    expect(JSON.stringify(created[0]!.details)).not.toMatch(/Henrietta|1984|MRN/)
  })

  it('lists and reads a client for the care team, the supervisor of a supervisee on it, and the admin', async () => {
    const team = await a.clinician.request('PUT', `/api/clients/${clientId}/care-team`, {
      userIds: [t.users.a.clinician.id, t.users.a.supervisee.id],
    })
    expect(team.statusCode, team.body).toBe(200)
    expect(team.json().careTeam).toHaveLength(2)
    for (const agent of [a.clinician, a.supervisee, a.supervisor, a.admin]) {
      const read = await agent.request('GET', `/api/clients/${clientId}`)
      expect(read.statusCode, read.body).toBe(200)
      expect(read.json().name).toBe(NAME)
      const list = await agent.request('GET', '/api/clients')
      expect(list.json().clients.map((c: { id: string }) => c.id)).toContain(clientId)
    }
    expect((await auditRows(t, { action: 'client.read', targetId: clientId })).length).toBe(4)
  })

  it('denies a clinician off the care team (403, audited as access.denied) and hides the client from their list', async () => {
    const denied = await a.outsider.request('GET', `/api/clients/${clientId}`)
    expect(denied.statusCode).toBe(403)
    expect(denied.json().code).toBe('FORBIDDEN')
    expect(denied.body).not.toContain('Henrietta')
    const change = await a.outsider.request('PATCH', `/api/clients/${clientId}`, { name: 'Changed' })
    expect(change.statusCode).toBe(403)
    const encounter = await a.outsider.request('POST', `/api/clients/${clientId}/encounters`, {
      occurredAt: '2026-01-05T14:00:00Z',
      service: 'individual',
      noteFormat: 'soap',
      source: 'dictation',
      text: 'Client reported a good week.',
    })
    expect(encounter.statusCode).toBe(403)
    const rows = await auditRows(t, { action: 'access.denied', actorId: a.outsider.user.id })
    expect(rows.map((r) => [r.outcome, r.client_id, r.details.reason])).toEqual([
      ['denied', clientId, 'no-clinical-access'],
      ['denied', clientId, 'no-clinical-access'],
      ['denied', clientId, 'no-clinical-access'],
    ])
    const list = await a.outsider.request('GET', '/api/clients')
    expect(list.json().clients).toEqual([])
  })

  it("treats another practice's client as not found, for every role and route", async () => {
    for (const agent of [a.clinician, a.admin, a.supervisor]) {
      expect((await agent.request('GET', `/api/clients/${otherPracticeClient}`)).statusCode).toBe(404)
      expect(
        (await agent.request('PATCH', `/api/clients/${otherPracticeClient}`, { part2: true })).statusCode,
      ).toBe(404)
      expect(
        (await agent.request('PUT', `/api/clients/${otherPracticeClient}/care-team`, { userIds: [] }))
          .statusCode,
      ).toBe(404)
    }
    const upload = await a.clinician.request('POST', `/api/clients/${otherPracticeClient}/encounters`, {
      occurredAt: '2026-01-05T14:00:00Z',
      service: 'individual',
      noteFormat: 'soap',
      source: 'dictation',
      text: 'Client reported a good week.',
    })
    expect(upload.statusCode).toBe(404)
  })

  it('refuses care teams with non-clinical or foreign users, and the biller and privacy officer never see clients', async () => {
    const bad = await a.admin.request('PUT', `/api/clients/${clientId}/care-team`, {
      userIds: [t.users.a.biller.id],
    })
    expect(bad.statusCode).toBe(422)
    const foreign = await a.admin.request('PUT', `/api/clients/${clientId}/care-team`, {
      userIds: [t.users.b.clinician.id],
    })
    expect(foreign.statusCode).toBe(422)
    expect((await a.biller.request('GET', '/api/clients')).statusCode).toBe(403)
    expect((await a.biller.request('GET', `/api/clients/${clientId}`)).statusCode).toBe(403)
    expect((await a.clinician.request('GET', '/api/billing?from=2026-01-01&to=2026-01-31')).statusCode).toBe(
      403,
    )
  })

  it('lets a break-glass grant open a client outside the care team, time-boxed', async () => {
    const grant = await a.outsider.request('POST', `/api/clients/${clientId}/break-glass`, {
      reason: 'Covering an emergency call for the treating clinician.',
      minutes: 30,
    })
    expect(grant.statusCode, grant.body).toBe(201)
    expect((await a.outsider.request('GET', `/api/clients/${clientId}`)).statusCode).toBe(200)
    t.clock.advance(31 * 60_000)
    // (The session has idled out too: sign in again.)
    const again = await t.login(a.outsider.user)
    expect((await again.request('GET', `/api/clients/${clientId}`)).statusCode).toBe(403)
  })

  it('keeps client names and dates of birth out of logs', () => {
    expect(t.logs.join('\n')).not.toMatch(/Henrietta|Lindqvist|1984-02-29|MRN-55821/)
  })
})
