import { z } from 'zod'
import { PUBLIC } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf, SESSION_COOKIE } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { LoginInput, LoginResult, MfaCodeInput, MfaEnrollment, SessionView } from './identity.schema.js'
import { login, logout, sessionView, startMfaEnrollment, verifyMfa } from './identity.service.js'

const ANY_DURING_MFA = { roles: 'any', duringMfa: true } as const

/** Sign-in, sign-out, the session, and MFA enrolment and verification. */
export const identityRoutes: RoutePlugin = (app, deps) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.config.trustProxy,
    maxAge: deps.config.sessionAbsoluteHours * 3600,
  }

  app.post(
    '/api/auth/login',
    {
      config: {
        access: PUBLIC,
        // Per address and account: a practice behind one office IP is not locked out together,
        // and the account lockout stops guessing at one account from many addresses.
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: LoginInput,
        response: { 200: LoginResult, 401: Problem, 429: Problem },
      },
    },
    async (request, reply) => {
      const { token, result } = await login(deps, request.audit, request.body)
      reply.setCookie(SESSION_COOKIE, token, cookieOptions)
      return result
    },
  )

  app.post(
    '/api/auth/logout',
    {
      config: { access: ANY_DURING_MFA },
      schema: { tags: ['auth'], summary: 'Sign out (revokes the session)', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await logout(deps, request.audit, actorOf(request))
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/api/session',
    {
      config: { access: ANY_DURING_MFA },
      schema: {
        tags: ['auth'],
        summary: 'The current session, user, practice and CSRF token',
        response: { 200: SessionView },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      if (!actor.sessionId) throw Object.assign(new Error('tokens have no session'), { statusCode: 400 })
      return sessionView(deps, actor.sessionId)
    },
  )

  app.post(
    '/api/auth/mfa/enroll',
    {
      config: { access: ANY_DURING_MFA, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Start MFA enrolment: returns a TOTP secret and otpauth URI',
        response: { 200: MfaEnrollment, 409: Problem },
      },
    },
    async (request) => startMfaEnrollment(deps, actorOf(request)),
  )

  app.post(
    '/api/auth/mfa/verify',
    {
      config: { access: ANY_DURING_MFA, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Verify a TOTP code: confirms enrolment or completes sign-in',
        body: MfaCodeInput,
        response: { 200: SessionView, 401: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      await verifyMfa(deps, request.audit, actor, request.body.code)
      return sessionView(deps, actor.sessionId!)
    },
  )
}
