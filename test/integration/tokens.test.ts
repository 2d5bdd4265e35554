import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { MODULE_ROUTES } from '../../src/app/modules.js'
import { type App, buildApp, type RoutePlugin } from '../../src/http/app.js'
import { ROLE_SCOPES, type UserRole } from '../../src/modules/identity/index.js'
import { sha256Hex } from '../../src/platform/ids.js'
import { type Agent, ROLES, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditRows, seedUser } from '../support/people.js'

// Routes that only exist in this suite, to show how a token's scope meets a route's declaration.
const probes: RoutePlugin = (app) => {
  const ok = { schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }
  app.get(
    '/api/probe/notes',
    { ...ok, config: { access: { roles: 'any', scope: 'notes:read' } } },
    async () => ({
      ok: true as const,
    }),
  )
  // A write that (wrongly) declares a read scope: closed to tokens.
  app.post(
    '/api/probe/read-scoped-write',
    { ...ok, config: { access: { roles: 'any', scope: 'notes:read' } } },
    async () => ({
      ok: true as const,
    }),
  )
  app.post(
    '/api/probe/write',
    { ...ok, config: { access: { roles: 'any', scope: 'notes:write' } } },
    async () => ({
      ok: true as const,
    }),
  )
}

describe.each(DB_KINDS)('API tokens on %s', (kind) => {
  let t: TestApp
  let probeApp: App
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>

  beforeAll(async () => {
    t = await startTestApp(kind)
    probeApp = await buildApp(t.deps, [...MODULE_ROUTES, probes])
    await probeApp.ready()
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    }
  })
  afterAll(async () => {
    await probeApp.close()
    await t.close()
  })

  const withToken = (
    secret: string,
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
    url: string,
    payload?: object,
  ) =>
    probeApp.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}` },
      ...(payload ? { payload } : {}),
    })

  const create = (agent: Agent, scopes: string[], extra: Record<string, unknown> = {}) =>
    agent.request('POST', '/api/tokens', { name: `${agent.user.roles[0]} integration`, scopes, ...extra })

  it('each role may create tokens with the scopes its role allows, and no others', async () => {
    for (const role of ROLES) {
      const allowed = ROLE_SCOPES[role]
      const ok = await create(agents.a[role], [...allowed])
      expect(ok.statusCode, `${role}: ${ok.body}`).toBe(201)
      for (const scope of ['notes:read', 'notes:write', 'clients:read', 'billing:read', 'audit:read'])
        if (!allowed.includes(scope as never)) {
          const refused = await create(agents.a[role], [scope])
          expect(refused.statusCode, `${role} + ${scope}`).toBe(403)
          expect(refused.json()).toMatchObject({ field: 'scopes' })
        }
    }
    // The biller's case in the issue: billing:read only.
    expect(ROLE_SCOPES.biller).toEqual(['billing:read'])
    expect((await create(agents.a.biller, ['billing:read', 'notes:read'])).statusCode).toBe(403)
  })

  it('returns the sdn_ secret once, stores only its SHA-256, and audits the creation', async () => {
    const res = await create(agents.a.privacy_officer, ['audit:read'], { expiresInDays: 30 })
    expect(res.statusCode).toBe(201)
    const made = res.json() as {
      id: string
      secret: string
      scopes: string[]
      expiresAt: string
      status: string
    }
    expect(made.secret).toMatch(/^sdn_[A-Za-z0-9_-]{40,}$/)
    expect(made).toMatchObject({ scopes: ['audit:read'], status: 'active' })
    expect(made.expiresAt).toBe(new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString())

    const row = await t.deps.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(row.token_hash).toBe(sha256Hex(made.secret))
    expect(JSON.stringify(row)).not.toContain(made.secret.slice(4))

    const listed = (await agents.a.privacy_officer.request('GET', '/api/tokens')).body
    expect(listed).toContain(made.id)
    expect(listed).not.toContain(made.secret.slice(4))
    expect(listed).not.toContain(row.token_hash)

    const [event] = await auditRows(t, { action: 'token.created', targetId: made.id })
    expect(event).toMatchObject({ actor_id: t.users.a.privacy_officer.id, details: { scopes: 'audit:read' } })
    expect(JSON.stringify(event)).not.toContain(made.secret.slice(4))

    expect((await withToken(made.secret, 'GET', '/api/audit')).statusCode).toBe(200)
  })

  it('lists your own tokens; an admin sees the whole practice and never another practice', async () => {
    await create(agents.a.clinician, ['notes:read'])
    await create(agents.b.clinician, ['notes:read'])
    const own = (await agents.a.clinician.request('GET', '/api/tokens')).json() as { userId: string }[]
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((tk) => tk.userId === t.users.a.clinician.id)).toBe(true)

    const all = (await agents.a.admin.request('GET', '/api/tokens')).json() as { userId: string }[]
    const owners = new Set(all.map((tk) => tk.userId))
    expect(owners.has(t.users.a.clinician.id)).toBe(true)
    expect(owners.has(t.users.a.privacy_officer.id)).toBe(true)
    expect(owners.has(t.users.b.clinician.id)).toBe(false)
  })

  it('revokes: by the owner or an admin of the practice; anyone else gets 404; audited once', async () => {
    const mine = (await create(agents.a.supervisor, ['notes:read'])).json() as { id: string; secret: string }
    expect((await withToken(mine.secret, 'GET', '/api/probe/notes')).statusCode).toBe(200)

    expect((await agents.a.clinician.request('DELETE', `/api/tokens/${mine.id}`)).statusCode).toBe(404)
    expect((await agents.b.admin.request('DELETE', `/api/tokens/${mine.id}`)).statusCode).toBe(404)
    expect((await withToken(mine.secret, 'GET', '/api/probe/notes')).statusCode).toBe(200)

    expect((await agents.a.supervisor.request('DELETE', `/api/tokens/${mine.id}`)).statusCode).toBe(204)
    expect((await withToken(mine.secret, 'GET', '/api/probe/notes')).statusCode).toBe(401)
    expect((await agents.a.supervisor.request('DELETE', `/api/tokens/${mine.id}`)).statusCode).toBe(204)
    const revoked = await auditRows(t, { action: 'token.revoked', targetId: mine.id })
    expect(revoked).toHaveLength(1)
    expect(revoked[0]?.details).toMatchObject({ byOwner: true })

    const theirs = (await create(agents.a.supervisee, ['notes:read'])).json() as {
      id: string
      secret: string
    }
    expect((await agents.a.admin.request('DELETE', `/api/tokens/${theirs.id}`)).statusCode).toBe(204)
    expect((await withToken(theirs.secret, 'GET', '/api/probe/notes')).statusCode).toBe(401)
    const listed = (await agents.a.supervisee.request('GET', '/api/tokens')).json() as {
      id: string
      status: string
    }[]
    expect(listed.find((tk) => tk.id === theirs.id)?.status).toBe('revoked')
  })

  it('a token reaches only routes declaring a scope it holds; a write needs a write scope', async () => {
    const reader = (await create(agents.a.clinician, ['notes:read'])).json() as { secret: string }
    const writer = (await create(agents.a.clinician, ['notes:read', 'notes:write'])).json() as {
      secret: string
    }
    expect((await withToken(reader.secret, 'GET', '/api/probe/notes')).statusCode).toBe(200)
    expect((await withToken(reader.secret, 'POST', '/api/probe/write')).statusCode).toBe(403)
    expect((await withToken(writer.secret, 'POST', '/api/probe/write')).statusCode).toBe(200)
    // Even with the declared (read) scope, a write is closed to tokens.
    expect((await withToken(writer.secret, 'POST', '/api/probe/read-scoped-write')).statusCode).toBe(403)
    // And a session (with its CSRF token) is unaffected.
    const session = agents.a.clinician
    const viaSession = await probeApp.inject({
      method: 'POST',
      url: '/api/probe/read-scoped-write',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    })
    expect(viaSession.statusCode).toBe(200)
    // Routes without a scope never answer a token: tokens cannot mint, list or revoke tokens.
    expect((await withToken(writer.secret, 'GET', '/api/tokens')).statusCode).toBe(403)
    expect(
      (await withToken(writer.secret, 'POST', '/api/tokens', { name: 'x', scopes: ['notes:read'] }))
        .statusCode,
    ).toBe(403)
    expect((await withToken(writer.secret, 'GET', '/api/session')).statusCode).toBe(403)
    const denied = await auditRows(t, { action: 'access.denied', actorId: t.users.a.clinician.id })
    expect(denied.some((e) => e.details.via === 'token')).toBe(true)
  })

  it("a token never holds more than its owner's roles allow today", async () => {
    // Written straight to the table, as an old token or a bug might have left it.
    const adminNotes = await t.token(t.users.a.admin, ['notes:read'])
    expect((await withToken(adminNotes, 'GET', '/api/probe/notes')).statusCode).toBe(403)

    const user = await seedUser(t, t.practices.a, ['clinician'])
    const agent = await t.login(user)
    const made = (await create(agent, ['notes:read'])).json() as { secret: string }
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(200)
    const change = await agents.a.admin.request('PATCH', `/api/users/${user.id}`, { roles: ['biller'] })
    expect(change.statusCode).toBe(200)
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(403)
  })

  it("a disabled user's tokens stop working at once", async () => {
    const user = await seedUser(t, t.practices.a, ['biller'])
    const made = (await create(await t.login(user), ['billing:read'])).json() as {
      id: string
      secret: string
    }
    const before = await t.deps.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(before.revoked_at).toBeNull()
    // Recognised (refused for scope) before, unknown after.
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(403)
    await agents.a.admin.request('PATCH', `/api/users/${user.id}`, { disabled: true })
    const after = await t.deps.db
      .selectFrom('api_tokens')
      .select('revoked_at')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow()
    expect(after.revoked_at).not.toBeNull()
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(401)
  })

  it('expires after its days; unknown and malformed tokens are 401', async () => {
    const made = (await create(agents.a.clinician, ['notes:read'], { expiresInDays: 1 })).json() as {
      secret: string
    }
    expect((await create(agents.a.clinician, ['notes:read'], { expiresInDays: 366 })).statusCode).toBe(400)
    expect((await create(agents.a.clinician, [])).statusCode).toBe(400)
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(200)
    // Last in this suite: a day later every session here has ended too.
    t.clock.advance(25 * 3_600_000)
    expect((await withToken(made.secret, 'GET', '/api/probe/notes')).statusCode).toBe(401)
    expect((await withToken('sdn_not-a-real-token', 'GET', '/api/probe/notes')).statusCode).toBe(401)
  })
})
