import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findActiveGrant, type UserRole } from '../../src/modules/identity/index.js'
import { newId } from '../../src/platform/ids.js'
import { type Agent, ROLES, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditRows, seedUser } from '../support/people.js'
import { seedClient } from '../support/seed-records.js'

const MINUTE = 60_000
const REASON = 'Client Dana Whitfield arrived in crisis; her clinician is on leave today.'

describe.each(DB_KINDS)('break-glass on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>
  /** A client of practice A whose care team is someone else entirely. */
  let clientId: string
  let otherPracticeClient: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    const owner = await seedUser(t, t.practices.a, ['clinician'])
    clientId = await seedClient(t, {
      practiceId: t.practices.a,
      name: 'Dana Whitfield',
      careTeam: [owner.id],
    })
    otherPracticeClient = await seedClient(t, {
      practiceId: t.practices.b,
      careTeam: [t.users.b.clinician.id],
    })
    await loginAll()
  })
  afterAll(async () => {
    await t.close()
  })

  // Moving the clock past the idle timeout ends every session: sign everyone in again after.
  async function loginAll() {
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    }
  }

  const start = (agent: Agent, client: string, body: Record<string, unknown> = { reason: REASON }) =>
    agent.request('POST', `/api/clients/${client}/break-glass`, body)
  const active = async (userId: string, client = clientId) =>
    (await findActiveGrant(t.deps.db, userId, client, t.clock.now().toISOString())) !== undefined

  it('only clinical roles may break the glass; each grant is time-boxed, encrypted and audited', async () => {
    for (const role of ROLES) {
      const res = await start(agents.a[role], clientId)
      if (role === 'clinician' || role === 'supervisor' || role === 'supervisee') {
        expect(res.statusCode, `${role}: ${res.body}`).toBe(201)
        const grant = res.json() as { id: string; expiresAt: string; startedAt: string }
        expect(grant.startedAt).toBe(t.clock.now().toISOString())
        expect(grant.expiresAt).toBe(new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString())
        expect(await active(t.users.a[role].id)).toBe(true)
        const [event] = await auditRows(t, { action: 'break_glass.started', targetId: grant.id })
        expect(event).toMatchObject({
          actor_id: t.users.a[role].id,
          client_id: clientId,
          practice_id: t.practices.a,
          details: { minutes: 60, expiresAt: grant.expiresAt, reviewRequired: true },
        })
        // The reason is free text that may name the client: encrypted at rest, never in the trail.
        expect(JSON.stringify(event)).not.toContain('Whitfield')
        const row = await t.deps.db
          .selectFrom('break_glass')
          .selectAll()
          .where('id', '=', grant.id)
          .executeTakeFirstOrThrow()
        expect(row.reason_enc).not.toContain('Whitfield')
        expect(row.reviewed_at).toBeNull()
      } else {
        expect(res.statusCode, role).toBe(403)
        expect(await active(t.users.a[role].id)).toBe(false)
      }
    }
    expect(await auditRows(t, { action: 'access.denied', actorId: t.users.a.biller.id })).not.toHaveLength(0)
  })

  it('ends by itself: active for its minutes, then not', async () => {
    const user = await seedUser(t, t.practices.a, ['clinician'])
    const agent = await t.login(user)
    const res = await start(agent, clientId, { reason: REASON, minutes: 30 })
    expect(res.statusCode).toBe(201)
    t.clock.advance(29 * MINUTE)
    expect(await active(user.id)).toBe(true)
    t.clock.advance(2 * MINUTE)
    expect(await active(user.id)).toBe(false)
    // The grant gives access to that client only.
    const another = await seedClient(t, { practiceId: t.practices.a, careTeam: [] })
    expect(await active(user.id, another)).toBe(false)
    await loginAll()
  })

  it('asks for a real reason and at most two hours', async () => {
    const user = await seedUser(t, t.practices.a, ['clinician'])
    const agent = await t.login(user)
    for (const body of [
      {},
      { reason: 'emergency' },
      { reason: '          x' },
      { reason: REASON, minutes: 121 },
      { reason: REASON, minutes: 0 },
    ]) {
      const res = await start(agent, clientId, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      // Validation errors name fields, never echo what was typed.
      expect(res.body).not.toContain('Whitfield')
    }
    const longest = await start(agent, clientId, { reason: REASON, minutes: 120 })
    expect(longest.statusCode).toBe(201)
    expect(longest.json().expiresAt).toBe(new Date(t.clock.now().getTime() + 120 * MINUTE).toISOString())
  })

  it("is refused for someone who already has access, and is 404 for another practice's client", async () => {
    const teamMember = await seedUser(t, t.practices.a, ['supervisee'])
    const supervisor = await seedUser(t, t.practices.a, ['supervisor'])
    await t.deps.db
      .insertInto('supervision_links')
      .values({
        practice_id: t.practices.a,
        supervisor_id: supervisor.id,
        supervisee_id: teamMember.id,
        created_at: t.clock.now().toISOString(),
      })
      .execute()
    const client = await seedClient(t, { practiceId: t.practices.a, careTeam: [teamMember.id] })
    expect((await start(await t.login(teamMember), client)).statusCode).toBe(409)
    expect((await start(await t.login(supervisor), client)).statusCode).toBe(409)

    const cross = await start(agents.a.clinician, otherPracticeClient)
    expect(cross.statusCode).toBe(404)
    expect(cross.json()).toMatchObject({ code: 'NOT_FOUND' })
    expect((await start(agents.a.clinician, newId())).statusCode).toBe(404)
    expect(await active(t.users.a.clinician.id, otherPracticeClient)).toBe(false)
    const probes = await auditRows(t, { action: 'access.denied', actorId: t.users.a.clinician.id })
    expect(probes.some((e) => e.target_id === otherPracticeClient)).toBe(true)
    const rows = await t.deps.db
      .selectFrom('break_glass')
      .select('id')
      .where('client_id', '=', otherPracticeClient)
      .execute()
    expect(rows).toHaveLength(0)
  })

  describe('review by the privacy officer', () => {
    it('lists unreviewed grants with the reason; only the privacy officer, only their practice; audited', async () => {
      const list = await agents.a.privacy_officer.request('GET', '/api/break-glass')
      expect(list.statusCode).toBe(200)
      const grants = list.json() as { clientId: string; reason: string; review: unknown; userName: string }[]
      expect(grants.length).toBeGreaterThanOrEqual(3)
      expect(grants.every((g) => g.clientId === clientId && g.review === null)).toBe(true)
      expect(grants[0]?.reason).toBe(REASON)
      for (const role of ROLES)
        if (role !== 'privacy_officer')
          expect((await agents.a[role].request('GET', '/api/break-glass')).statusCode, role).toBe(403)
      expect((await agents.b.privacy_officer.request('GET', '/api/break-glass?status=all')).json()).toEqual(
        [],
      )
      expect((await agents.a.privacy_officer.request('GET', '/api/break-glass?status=x')).statusCode).toBe(
        400,
      )
      const [event] = await auditRows(t, {
        action: 'break_glass.listed',
        actorId: t.users.a.privacy_officer.id,
      })
      expect(event?.details).toMatchObject({ status: 'unreviewed' })
      expect(JSON.stringify(event)).not.toContain('Whitfield')
    })

    it('reviews once; an inappropriate grant that is still running ends now; audited', async () => {
      const user = await seedUser(t, t.practices.a, ['clinician'])
      const grant = (await start(await t.login(user), clientId)).json() as { id: string }
      const review = (agent: Agent, body: Record<string, unknown>, id = grant.id) =>
        agent.request('POST', `/api/break-glass/${id}/review`, body)

      for (const role of ROLES)
        if (role !== 'privacy_officer')
          expect((await review(agents.a[role], { appropriate: true, note: 'x' })).statusCode, role).toBe(403)
      expect((await review(agents.b.privacy_officer, { appropriate: true, note: 'x' })).statusCode).toBe(404)
      expect((await review(agents.a.privacy_officer, { appropriate: false })).statusCode).toBe(400)

      t.clock.advance(5 * MINUTE)
      expect(await active(user.id)).toBe(true)
      const res = await review(agents.a.privacy_officer, {
        appropriate: false,
        note: 'Dana Whitfield was not seen that day; discussed with the clinician.',
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({
        id: grant.id,
        active: false,
        expiresAt: t.clock.now().toISOString(),
        review: { by: t.users.a.privacy_officer.id, appropriate: false },
      })
      expect(await active(user.id)).toBe(false)
      const [event] = await auditRows(t, { action: 'break_glass.reviewed', targetId: grant.id })
      expect(event).toMatchObject({
        client_id: clientId,
        details: { appropriate: false, endedEarly: true, holderId: user.id },
      })
      expect(JSON.stringify(event)).not.toContain('Whitfield')
      const row = await t.deps.db
        .selectFrom('break_glass')
        .select('review_note_enc')
        .where('id', '=', grant.id)
        .executeTakeFirstOrThrow()
      expect(row.review_note_enc).not.toContain('Whitfield')

      expect((await review(agents.a.privacy_officer, { appropriate: true, note: 'again' })).statusCode).toBe(
        409,
      )
      const unreviewed = (await agents.a.privacy_officer.request('GET', '/api/break-glass')).json() as {
        id: string
      }[]
      expect(unreviewed.map((g) => g.id)).not.toContain(grant.id)
      const all = (await agents.a.privacy_officer.request('GET', '/api/break-glass?status=all')).json() as {
        id: string
        review: { appropriate: boolean; note: string } | null
      }[]
      expect(all.find((g) => g.id === grant.id)?.review).toMatchObject({
        appropriate: false,
        note: 'Dana Whitfield was not seen that day; discussed with the clinician.',
      })
    })

    it('an appropriate review leaves the grant to run out; nobody reviews their own grant', async () => {
      const user = await seedUser(t, t.practices.a, ['clinician'])
      const grant = (await start(await t.login(user), clientId)).json() as { id: string }
      const ok = await agents.a.privacy_officer.request('POST', `/api/break-glass/${grant.id}/review`, {
        appropriate: true,
        note: 'Crisis visit confirmed in the schedule.',
      })
      expect(ok.json()).toMatchObject({ active: true, review: { appropriate: true } })
      expect(await active(user.id)).toBe(true)

      const both = await seedUser(t, t.practices.a, ['clinician', 'privacy_officer'])
      const agent = await t.login(both)
      const own = (await start(agent, clientId)).json() as { id: string }
      const self = await agent.request('POST', `/api/break-glass/${own.id}/review`, {
        appropriate: true,
        note: 'fine',
      })
      expect(self.statusCode).toBe(403)
      expect(
        (
          await agents.a.privacy_officer.request('POST', `/api/break-glass/${own.id}/review`, {
            appropriate: true,
            note: 'Reviewed by a colleague.',
          })
        ).statusCode,
      ).toBe(200)
    })

    it('no break-glass route answers an API token', async () => {
      const token = await t.token(t.users.a.clinician, ['notes:read', 'notes:write', 'clients:read'])
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/clients/${clientId}/break-glass`,
        headers: { authorization: `Bearer ${token}` },
        payload: { reason: REASON },
      })
      expect(res.statusCode).toBe(403)
    })
  })
})
