import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpNow, type UserRole } from '../../src/modules/identity/index.js'
import { type Agent, PASSWORD, ROLES, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { auditRows, seedUser } from '../support/people.js'

describe.each(DB_KINDS)('identity administration on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>

  beforeAll(async () => {
    t = await startTestApp(kind)
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const role of ROLES) agents[p][role] = await t.login(t.users[p][role])
    }
  })
  afterAll(async () => {
    await t.close()
  })

  const signIn = (email: string, password = PASSWORD) =>
    t.anonymous('POST', '/api/auth/login', { email, password })

  describe('who may call each route', () => {
    let n = 0
    // Each allowed call makes its own target, so the calls are independent of each other.
    const routes: {
      name: string
      allowed: readonly UserRole[]
      status: number
      call: (a: Agent) => Promise<LightMyRequestResponse>
    }[] = [
      {
        name: 'GET /api/users',
        allowed: ['admin', 'privacy_officer'],
        status: 200,
        call: (a) => a.request('GET', '/api/users'),
      },
      {
        name: 'POST /api/users',
        allowed: ['admin'],
        status: 201,
        call: (a) =>
          a.request('POST', '/api/users', {
            email: `new.${++n}@matrix.test`,
            displayName: `New ${n}`,
            roles: ['clinician'],
          }),
      },
      {
        name: 'PATCH /api/users/:id',
        allowed: ['admin'],
        status: 200,
        call: async (a) => {
          const u = await seedUser(t, t.practices.a, ['clinician'])
          return a.request('PATCH', `/api/users/${u.id}`, { displayName: 'Renamed' })
        },
      },
      {
        name: 'POST /api/users/:id/reset-mfa',
        allowed: ['admin'],
        status: 200,
        call: async (a) => {
          const u = await seedUser(t, t.practices.a, ['clinician'])
          return a.request('POST', `/api/users/${u.id}/reset-mfa`)
        },
      },
      {
        name: 'GET /api/supervision-links',
        allowed: ['admin'],
        status: 200,
        call: (a) => a.request('GET', '/api/supervision-links'),
      },
      {
        name: 'POST /api/supervision-links',
        allowed: ['admin'],
        status: 201,
        call: async (a) => {
          const sup = await seedUser(t, t.practices.a, ['supervisor'])
          const sub = await seedUser(t, t.practices.a, ['supervisee'])
          return a.request('POST', '/api/supervision-links', { supervisorId: sup.id, superviseeId: sub.id })
        },
      },
      {
        name: 'DELETE /api/supervision-links/:supervisorId/:superviseeId',
        allowed: ['admin'],
        status: 204,
        call: async (a) => {
          const sup = await seedUser(t, t.practices.a, ['supervisor'])
          const sub = await seedUser(t, t.practices.a, ['supervisee'])
          await t.deps.db
            .insertInto('supervision_links')
            .values({
              practice_id: t.practices.a,
              supervisor_id: sup.id,
              supervisee_id: sub.id,
              created_at: t.clock.now().toISOString(),
            })
            .execute()
          return a.request('DELETE', `/api/supervision-links/${sup.id}/${sub.id}`)
        },
      },
      {
        name: 'GET /api/practice',
        allowed: ROLES,
        status: 200,
        call: (a) => a.request('GET', '/api/practice'),
      },
      {
        name: 'PATCH /api/practice',
        allowed: ['admin'],
        status: 200,
        call: (a) => a.request('PATCH', '/api/practice', { transcriptRetention: 'delete-after-sign' }),
      },
    ]

    for (const route of routes)
      it(`${route.name}: ${route.allowed.join(', ')} only`, async () => {
        for (const role of ROLES) {
          const res = await route.call(agents.a[role])
          if (route.allowed.includes(role)) expect(res.statusCode, `${role}: ${res.body}`).toBe(route.status)
          else {
            expect(res.statusCode, `${role} should be refused`).toBe(403)
            expect(res.json()).toMatchObject({ code: 'FORBIDDEN' })
          }
        }
        const denied = await auditRows(t, { action: 'access.denied', actorId: t.users.a.biller.id })
        expect(denied.length).toBeGreaterThan(0)
      })

    it('no admin route answers an API token, whatever its scopes', async () => {
      const token = await t.token(t.users.a.admin, ['clients:read', 'billing:read', 'audit:read'])
      for (const [method, url] of [
        ['GET', '/api/users'],
        ['POST', '/api/users'],
        ['GET', '/api/supervision-links'],
        ['GET', '/api/practice'],
        ['PATCH', '/api/practice'],
      ] as const) {
        const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } })
        expect(res.statusCode, `${method} ${url}`).toBe(403)
      }
    })
  })

  describe("another practice's people", () => {
    it('are not listed, cannot be changed, reset or linked: 404 as if they did not exist', async () => {
      const admin = agents.a.admin
      const listed = (await admin.request('GET', '/api/users')).json() as { id: string }[]
      expect(listed.map((u) => u.id)).toContain(t.users.a.biller.id)
      expect(listed.map((u) => u.id)).not.toContain(t.users.b.biller.id)

      const other = t.users.b.clinician
      const patch = await admin.request('PATCH', `/api/users/${other.id}`, { roles: ['biller'] })
      expect(patch.statusCode).toBe(404)
      expect((await admin.request('POST', `/api/users/${other.id}/reset-mfa`)).statusCode).toBe(404)
      const link = await admin.request('POST', '/api/supervision-links', {
        supervisorId: t.users.b.supervisor.id,
        superviseeId: t.users.a.supervisee.id,
      })
      expect(link.statusCode).toBe(404)
      const unlink = await admin.request(
        'DELETE',
        `/api/supervision-links/${t.users.b.supervisor.id}/${t.users.b.supervisee.id}`,
      )
      expect(unlink.statusCode).toBe(404)
      const b = await t.deps.db
        .selectFrom('users')
        .select(['roles', 'display_name'])
        .where('id', '=', other.id)
        .executeTakeFirstOrThrow()
      expect(b.roles).toBe('clinician')
      expect(
        (await agents.b.admin.request('GET', '/api/supervision-links')).json() as unknown[],
      ).toHaveLength(1)
    })

    it('each practice reads and changes only its own settings', async () => {
      expect((await agents.b.biller.request('GET', '/api/practice')).json()).toMatchObject({
        id: t.practices.b,
        name: 'Practice B',
      })
      await agents.a.admin.request('PATCH', '/api/practice', { name: 'Practice A renamed' })
      expect((await agents.b.biller.request('GET', '/api/practice')).json()).toMatchObject({
        name: 'Practice B',
      })
      await agents.a.admin.request('PATCH', '/api/practice', { name: 'Practice A' })
    })
  })

  describe('users', () => {
    it('creates a user with a generated password shown once, who can then sign in; audited', async () => {
      const res = await agents.a.admin.request('POST', '/api/users', {
        email: ' Robin.Quill@Example.test ',
        displayName: 'Robin Quill, LCSW',
        roles: ['clinician', 'supervisor'],
      })
      expect(res.statusCode).toBe(201)
      const body = res.json() as { user: { id: string; email: string }; initialPassword: string }
      expect(body.user).toMatchObject({
        email: 'robin.quill@example.test',
        roles: ['clinician', 'supervisor'],
        disabled: false,
        mfaEnabled: false,
      })
      expect(body.initialPassword.length).toBeGreaterThanOrEqual(12)
      const row = await t.deps.db
        .selectFrom('users')
        .selectAll()
        .where('id', '=', body.user.id)
        .executeTakeFirstOrThrow()
      expect(row.practice_id).toBe(t.practices.a)
      expect(row.password_hash).toMatch(/^scrypt\$/)
      expect(JSON.stringify(row)).not.toContain(body.initialPassword)
      expect((await signIn('robin.quill@example.test', body.initialPassword)).statusCode).toBe(200)

      const [event] = await auditRows(t, { action: 'user.created', targetId: body.user.id })
      expect(event).toMatchObject({
        actor_id: t.users.a.admin.id,
        practice_id: t.practices.a,
        details: { roles: 'clinician,supervisor', passwordGenerated: true },
      })
      expect(JSON.stringify(event)).not.toContain(body.initialPassword)
    })

    it("uses the admin's password when it meets the rules, and never echoes it", async () => {
      const short = await agents.a.admin.request('POST', '/api/users', {
        email: 'short.pw@example.test',
        displayName: 'Short',
        roles: ['biller'],
        password: 'too short',
      })
      expect(short.statusCode).toBe(422)
      expect(short.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'password' })
      const ok = await agents.a.admin.request('POST', '/api/users', {
        email: 'given.pw@example.test',
        displayName: 'Given',
        roles: ['biller'],
        password: 'a long enough passphrase',
      })
      expect(ok.statusCode).toBe(201)
      expect(ok.json()).not.toHaveProperty('initialPassword')
      expect((await signIn('given.pw@example.test', 'a long enough passphrase')).statusCode).toBe(200)
    })

    it('refuses a second account with an email in use (in any practice), and bad roles', async () => {
      const dup = await agents.a.admin.request('POST', '/api/users', {
        email: t.users.b.biller.email,
        displayName: 'Dup',
        roles: ['biller'],
      })
      expect(dup.statusCode).toBe(409)
      expect(dup.json().detail).not.toContain('Practice B')
      for (const roles of [[], ['patient'], ['biller', 'biller']]) {
        const bad = await agents.a.admin.request('POST', '/api/users', {
          email: 'x.roles@example.test',
          displayName: 'X',
          roles,
        })
        expect(bad.statusCode, JSON.stringify(roles)).toBe(400)
      }
    })

    it('changes roles with the old and new roles in the audit, and ends the changed user’s sessions', async () => {
      const user = await seedUser(t, t.practices.a, ['biller'])
      const agent = await t.login(user)
      const res = await agents.a.admin.request('PATCH', `/api/users/${user.id}`, {
        roles: ['clinician', 'supervisee'],
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ roles: ['clinician', 'supervisee'] })
      const [event] = await auditRows(t, { action: 'user.roles_changed', targetId: user.id })
      expect(event).toMatchObject({
        actor_id: t.users.a.admin.id,
        details: { oldRoles: 'biller', newRoles: 'clinician,supervisee', sessionsEnded: 1 },
      })
      // A session that never needed MFA (a biller's) must not carry over into clinical work.
      expect((await agent.request('GET', '/api/session')).statusCode).toBe(401)
      const again = await t.login(user)
      expect((await again.request('GET', '/api/session')).json()).toMatchObject({
        user: { roles: ['clinician', 'supervisee'] },
      })
    })

    it('renames without touching roles or sessions', async () => {
      const user = await seedUser(t, t.practices.a, ['clinician'])
      const agent = await t.login(user)
      const res = await agents.a.admin.request('PATCH', `/api/users/${user.id}`, {
        displayName: 'Dr. Renamed',
      })
      expect(res.json()).toMatchObject({ displayName: 'Dr. Renamed', roles: ['clinician'] })
      expect((await agent.request('GET', '/api/session')).statusCode).toBe(200)
      expect(await auditRows(t, { action: 'user.roles_changed', targetId: user.id })).toHaveLength(0)
      expect(await auditRows(t, { action: 'user.updated', targetId: user.id })).toHaveLength(1)
      expect((await agents.a.admin.request('PATCH', `/api/users/${user.id}`, {})).statusCode).toBe(400)
    })

    it('disabling a user ends their sessions and revokes their tokens; enabling does not revive them', async () => {
      const user = await seedUser(t, t.practices.a, ['clinician'])
      const agent = await t.login(user)
      const made = await agent.request('POST', '/api/tokens', { name: 'ehr sync', scopes: ['notes:read'] })
      expect(made.statusCode).toBe(201)
      const secret = (made.json() as { secret: string }).secret
      const bearer = { authorization: `Bearer ${secret}` }
      expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer })).statusCode).toBe(403)

      const res = await agents.a.admin.request('PATCH', `/api/users/${user.id}`, { disabled: true })
      expect(res.json()).toMatchObject({ disabled: true })
      expect((await agent.request('GET', '/api/session')).statusCode).toBe(401)
      expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer })).statusCode).toBe(401)
      expect((await signIn(user.email)).statusCode).toBe(401)
      const [event] = await auditRows(t, { action: 'user.disabled', targetId: user.id })
      expect(event?.details).toEqual({ sessionsEnded: 1, tokensRevoked: 1 })
      const tokens = await t.deps.db
        .selectFrom('api_tokens')
        .select('revoked_at')
        .where('user_id', '=', user.id)
        .execute()
      expect(tokens.every((r) => r.revoked_at !== null)).toBe(true)

      await agents.a.admin.request('PATCH', `/api/users/${user.id}`, { disabled: false })
      expect(await auditRows(t, { action: 'user.enabled', targetId: user.id })).toHaveLength(1)
      expect((await signIn(user.email)).statusCode).toBe(200)
      expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: bearer })).statusCode).toBe(401)
    })

    it('resets MFA: the secret is gone, sessions end, the user enrols again; audited', async () => {
      const user = await seedUser(t, t.practices.a, ['supervisee'])
      const agent = await t.login(user)
      const { secret } = (await agent.request('POST', '/api/auth/mfa/enroll')).json() as { secret: string }
      await agent.request('POST', '/api/auth/mfa/verify', { code: totpNow(secret, t.clock.now()) })
      expect((await signIn(user.email)).json()).toMatchObject({ next: 'mfa' })

      const res = await agents.a.admin.request('POST', `/api/users/${user.id}/reset-mfa`)
      expect(res.json()).toMatchObject({ mfaEnabled: false })
      const row = await t.deps.db
        .selectFrom('users')
        .select(['mfa_enabled', 'mfa_secret_enc'])
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
      expect(row).toEqual({ mfa_enabled: 0, mfa_secret_enc: null })
      expect((await agent.request('GET', '/api/session')).statusCode).toBe(401)
      expect((await signIn(user.email)).json()).toMatchObject({ next: 'done' })
      const [event] = await auditRows(t, { action: 'user.mfa_reset', targetId: user.id })
      expect(event?.details).toMatchObject({ hadMfa: true })
    })

    it('lets the privacy officer list users (to review access) but change nothing', async () => {
      const list = await agents.a.privacy_officer.request('GET', '/api/users')
      expect(list.statusCode).toBe(200)
      const users = list.json() as Record<string, unknown>[]
      for (const u of users) {
        expect(u).not.toHaveProperty('password_hash')
        expect(u).not.toHaveProperty('passwordHash')
        expect(u).not.toHaveProperty('mfaSecret')
      }
      expect(
        (
          await agents.a.privacy_officer.request('PATCH', `/api/users/${t.users.a.biller.id}`, {
            disabled: true,
          })
        ).statusCode,
      ).toBe(403)
    })
  })

  describe('the last admin', () => {
    it('cannot be demoted or disabled, by themselves or anyone; a second admin makes it possible', async () => {
      const m = await startTestApp(kind)
      try {
        const admin = await m.login(m.users.a.admin)
        const self = m.users.a.admin.id
        const demote = await admin.request('PATCH', `/api/users/${self}`, { roles: ['clinician'] })
        expect(demote.statusCode).toBe(409)
        expect(demote.json()).toMatchObject({ code: 'LAST_ADMIN' })
        const disable = await admin.request('PATCH', `/api/users/${self}`, { disabled: true })
        expect(disable.json()).toMatchObject({ code: 'LAST_ADMIN' })
        // A disabled admin does not count as one.
        const dormant = await seedUser(m, m.practices.a, ['admin'], { disabled: true })
        expect(
          (await admin.request('PATCH', `/api/users/${self}`, { roles: ['biller'] })).json(),
        ).toMatchObject({ code: 'LAST_ADMIN' })
        // Keeping the admin role while adding another is not a removal.
        const keep = await admin.request('PATCH', `/api/users/${self}`, {
          roles: ['admin', 'privacy_officer'],
        })
        expect(keep.statusCode).toBe(200)

        const again = await m.login(m.users.a.admin)
        expect(
          (await again.request('PATCH', `/api/users/${dormant.id}`, { disabled: false })).statusCode,
        ).toBe(200)
        const handOver = await again.request('PATCH', `/api/users/${self}`, { roles: ['clinician'] })
        expect(handOver.statusCode).toBe(200)
        const successor = await m.login(dormant)
        const last = await successor.request('PATCH', `/api/users/${dormant.id}`, { roles: ['biller'] })
        expect(last.json()).toMatchObject({ code: 'LAST_ADMIN' })
        const roles = await m.deps.db
          .selectFrom('users')
          .select('roles')
          .where('practice_id', '=', m.practices.a)
          .where('roles', 'like', '%admin%')
          .where('disabled', '=', 0)
          .execute()
        expect(roles).toHaveLength(1)
      } finally {
        await m.close()
      }
    })
  })

  describe('supervision links', () => {
    it('links a supervisor and a supervisee of the practice, once; checks roles; unlinks; audited', async () => {
      const admin = agents.a.admin
      const sup = await seedUser(t, t.practices.a, ['supervisor', 'clinician'])
      const sub = await seedUser(t, t.practices.a, ['supervisee'])
      const made = await admin.request('POST', '/api/supervision-links', {
        supervisorId: sup.id,
        superviseeId: sub.id,
      })
      expect(made.statusCode).toBe(201)
      expect(
        (
          await admin.request('POST', '/api/supervision-links', {
            supervisorId: sup.id,
            superviseeId: sub.id,
          })
        ).statusCode,
      ).toBe(409)
      const wrongRole = await admin.request('POST', '/api/supervision-links', {
        supervisorId: t.users.a.biller.id,
        superviseeId: sub.id,
      })
      expect(wrongRole.json()).toMatchObject({ code: 'VALIDATION_FAILED', field: 'supervisorId' })
      const selfLink = await admin.request('POST', '/api/supervision-links', {
        supervisorId: sub.id,
        superviseeId: sub.id,
      })
      expect(selfLink.statusCode).toBe(422)
      const list = (await admin.request('GET', '/api/supervision-links')).json() as {
        supervisorId: string
        superviseeId: string
      }[]
      expect(list).toContainEqual(expect.objectContaining({ supervisorId: sup.id, superviseeId: sub.id }))

      expect((await admin.request('DELETE', `/api/supervision-links/${sup.id}/${sub.id}`)).statusCode).toBe(
        204,
      )
      expect((await admin.request('DELETE', `/api/supervision-links/${sup.id}/${sub.id}`)).statusCode).toBe(
        404,
      )
      expect((await auditRows(t, { targetId: sub.id })).map((e) => e.action)).toEqual([
        'supervision.linked',
        'supervision.unlinked',
      ])
    })
  })

  describe('practice settings', () => {
    it('changes settings with before/after values in the audit; turning MFA on ends sessions that never passed it', async () => {
      const clinician = await seedUser(t, t.practices.a, ['clinician'])
      const biller = await seedUser(t, t.practices.a, ['biller'])
      const clinicianAgent = await t.login(clinician)
      const billerAgent = await t.login(biller)

      const res = await agents.a.admin.request('PATCH', '/api/practice', {
        name: 'Harbor Counseling Group',
        requireMfa: true,
        transcriptRetention: 'keep',
      })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        id: t.practices.a,
        name: 'Harbor Counseling Group',
        requireMfa: true,
        transcriptRetention: 'keep',
      })
      const events = await auditRows(t, { action: 'practice.config_changed', targetId: t.practices.a })
      expect(events.at(-1)?.details).toMatchObject({
        changed: 'name,requireMfa,transcriptRetention',
        'name.before': 'Practice A',
        'name.after': 'Harbor Counseling Group',
        'requireMfa.before': false,
        'requireMfa.after': true,
        'transcriptRetention.before': 'delete-after-sign',
        'transcriptRetention.after': 'keep',
      })
      expect((await clinicianAgent.request('GET', '/api/session')).statusCode).toBe(401)
      expect((await billerAgent.request('GET', '/api/session')).statusCode).toBe(200)
      expect((await signIn(clinician.email)).json()).toMatchObject({ next: 'enroll-mfa' })

      const before = (await auditRows(t, { action: 'practice.config_changed' })).length
      const same = await agents.a.admin.request('PATCH', '/api/practice', { transcriptRetention: 'keep' })
      expect(same.statusCode).toBe(200)
      expect((await auditRows(t, { action: 'practice.config_changed' })).length).toBe(before)
      const bad = await agents.a.admin.request('PATCH', '/api/practice', { transcriptRetention: 'forever' })
      expect(bad.statusCode).toBe(400)

      await agents.a.admin.request('PATCH', '/api/practice', {
        name: 'Practice A',
        requireMfa: false,
        transcriptRetention: 'delete-after-sign',
      })
    })
  })
})
