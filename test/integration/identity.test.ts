import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpNow } from '../../src/modules/identity/index.js'
import { PASSWORD, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'

describe.each(DB_KINDS)('identity on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp(kind)
  })
  afterAll(async () => {
    await t.close()
  })

  const actions = async (userId: string) =>
    (
      await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('actor_id', '=', userId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.action)

  it('signs in with a password and sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await t.anonymous('POST', '/api/auth/login', {
      email: t.users.a.clinician.email,
      password: PASSWORD,
    })
    expect(res.statusCode).toBe(200)
    const cookie = String(res.headers['set-cookie'])
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(res.json()).toMatchObject({ next: 'done', session: { user: { roles: ['clinician'] } } })
    expect(await actions(t.users.a.clinician.id)).toContain('auth.login')
  })

  it('answers a wrong password with the same message as an unknown email, in problem+json, and audits it', async () => {
    const wrong = await t.anonymous('POST', '/api/auth/login', {
      email: t.users.a.biller.email,
      password: 'nope nope nope',
    })
    const unknown = await t.anonymous('POST', '/api/auth/login', {
      email: 'nobody@x.test',
      password: 'nope nope nope',
    })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(wrong.json().detail).toBe(unknown.json().detail)
    expect(wrong.json()).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) })
    expect(await actions(t.users.a.biller.id)).toContain('auth.login_failed')
  })

  it('locks an account after repeated failures, and unlocks it after the lockout', async () => {
    const user = t.users.b.biller
    for (let i = 0; i < 5; i++)
      await t.anonymous('POST', '/api/auth/login', { email: user.email, password: 'wrong password!' })
    const locked = await t.anonymous('POST', '/api/auth/login', { email: user.email, password: PASSWORD })
    expect(locked.statusCode).toBe(401)
    expect(await actions(user.id)).toContain('auth.locked')
    t.clock.advance(16 * 60_000)
    const again = await t.anonymous('POST', '/api/auth/login', { email: user.email, password: PASSWORD })
    expect(again.statusCode).toBe(200)
  })

  it('ends a session after 15 idle minutes and after its absolute lifetime', async () => {
    const agent = await t.login(t.users.a.admin)
    expect((await agent.request('GET', '/api/session')).statusCode).toBe(200)
    t.clock.advance(14 * 60_000)
    expect((await agent.request('GET', '/api/session')).statusCode).toBe(200)
    t.clock.advance(16 * 60_000)
    const idle = await agent.request('GET', '/api/session')
    expect(idle.statusCode).toBe(401)
    expect(idle.json().detail).toMatch(/inactivity/)
    expect(await actions(t.users.a.admin.id)).toContain('auth.session_expired')

    const second = await t.login(t.users.a.admin)
    for (let i = 0; i < 50; i++) {
      t.clock.advance(14 * 60_000)
      const r = await second.request('GET', '/api/session')
      if (r.statusCode !== 200) {
        expect(r.json().detail).toMatch(/time limit/)
        expect(i).toBeGreaterThanOrEqual(50)
        return
      }
    }
  })

  it('requires the CSRF token on changes made with a session cookie', async () => {
    const agent = await t.login(t.users.a.supervisor)
    const without = await agent.request('POST', '/api/auth/logout', undefined, { 'x-csrf-token': 'forged' })
    expect(without.statusCode).toBe(403)
    const ok = await agent.request('POST', '/api/auth/logout')
    expect(ok.statusCode).toBe(204)
    expect((await agent.request('GET', '/api/session')).statusCode).toBe(401)
  })

  it('enrols MFA and then asks for a code at every sign-in', async () => {
    const user = t.users.a.supervisee
    const agent = await t.login(user)
    const enroll = await agent.request('POST', '/api/auth/mfa/enroll')
    expect(enroll.statusCode).toBe(200)
    const { secret } = enroll.json() as { secret: string }
    const bad = await agent.request('POST', '/api/auth/mfa/verify', { code: '000000' })
    expect(bad.statusCode).toBe(401)
    const ok = await agent.request('POST', '/api/auth/mfa/verify', { code: totpNow(secret, t.clock.now()) })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ mfaEnabled: true, mfaVerified: true })

    const next = await t.anonymous('POST', '/api/auth/login', { email: user.email, password: PASSWORD })
    expect(next.json()).toMatchObject({ next: 'mfa', session: { mfaVerified: false } })
    expect(await actions(user.id)).toEqual(expect.arrayContaining(['auth.mfa_enrolled', 'auth.mfa_failed']))
  })

  it('makes clinical roles enrol in MFA first when the practice requires it', async () => {
    const m = await startTestApp(kind, { requireMfa: true })
    try {
      const res = await m.anonymous('POST', '/api/auth/login', {
        email: m.users.a.clinician.email,
        password: PASSWORD,
      })
      expect(res.json()).toMatchObject({ next: 'enroll-mfa', session: { mfaEnrollmentRequired: true } })
      const biller = await m.anonymous('POST', '/api/auth/login', {
        email: m.users.a.biller.email,
        password: PASSWORD,
      })
      expect(biller.json()).toMatchObject({ next: 'done' })
    } finally {
      await m.close()
    }
  })

  it('rate-limits sign-in attempts', async () => {
    let limited = 0
    for (let i = 0; i < 14; i++) {
      const r = await t.anonymous('POST', '/api/auth/login', { email: 'flood@x.test', password: 'x' })
      if (r.statusCode === 429) limited++
    }
    expect(limited).toBeGreaterThan(0)
  })

  it('serves an OpenAPI 3.1 description, request ids and security headers', async () => {
    const spec = await t.anonymous('GET', '/api/openapi.json')
    expect(spec.json()).toMatchObject({ openapi: '3.1.0' })
    expect(Object.keys(spec.json().paths)).toContain('/api/auth/login')
    const health = await t.anonymous('GET', '/api/health')
    expect(health.headers['x-request-id']).toBeTruthy()
    expect(health.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(health.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(health.headers['content-security-policy']).toMatch(/object-src 'none'/)
    expect(health.headers['x-content-type-options']).toBe('nosniff')
    expect(health.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(health.headers['referrer-policy']).toBe('no-referrer')
    expect(health.headers['cross-origin-opener-policy']).toBe('same-origin')
    // HSTS only behind a TLS-terminating proxy (trustProxy); a plain-HTTP test server sends none.
    expect(health.headers['strict-transport-security']).toBeUndefined()
    expect(health.headers['cache-control']).toBe('no-store')
    // Refusals and unknown paths carry them too (set before authentication and routing answer).
    for (const refused of [await t.anonymous('GET', '/api/notes/x'), await t.anonymous('GET', '/api/nope')]) {
      expect(refused.statusCode).toBeGreaterThanOrEqual(400)
      expect(refused.headers['content-security-policy']).toBe(health.headers['content-security-policy'])
      expect(refused.headers['x-frame-options']).toBe('SAMEORIGIN')
    }
  })
})
