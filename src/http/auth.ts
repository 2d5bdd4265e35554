import type { FastifyInstance, FastifyRequest } from 'fastify'
import { type AuditContext, recordAuditNow } from '../modules/audit/index.js'
import type { Actor } from '../modules/identity/identity.schema.js'
import { resolveSession, resolveToken } from '../modules/identity/identity.service.js'
import type { Deps } from '../platform/deps.js'
import { AppError } from '../platform/errors.js'
import type { Access } from './access.js'

export const SESSION_COOKIE = 'sidenote_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** Who, from where, which request: the audit context of this request. */
    audit: AuditContext
  }
}

/** The actor of a request on a route that requires one (guards ran before the handler). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Sign in first.')
  return request.actor
}

function auditContext(request: FastifyRequest, actor: Actor | null): AuditContext {
  return {
    practiceId: actor?.practiceId ?? null,
    actorId: actor?.userId ?? null,
    actorRole: actor ? actor.roles.join(',') : null,
    ip: request.ip ?? null,
    userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
    requestId: String(request.id),
  }
}

/**
 * Authentication and authorisation at the door, for every route: resolve the actor from the
 * session cookie or an API token, then apply the route's declared access (roles, token scope, MFA
 * state) and CSRF for cookie sessions. Record-level rules (care team, practice) are the services'.
 */
export function registerAuth(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('audit', null as unknown as AuditContext)

  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`Route ${route.method} ${route.url} declares no access rule.`)
  })

  app.addHook('onRequest', async (request) => {
    request.audit = auditContext(request, null)
    const access = request.routeOptions.config?.access as Access | undefined
    if (!access) return

    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1]
    const cookie = request.cookies[SESSION_COOKIE]
    let csrfToken: string | null = null
    if (bearer) request.actor = await resolveToken(deps, bearer)
    else if (cookie) {
      try {
        const resolved = await resolveSession(deps, request.audit, cookie)
        request.actor = resolved.actor
        csrfToken = resolved.csrfToken
      } catch (error) {
        if ('public' in access) request.actor = null
        else throw error
      }
    }
    request.audit = auditContext(request, request.actor)
    if ('public' in access) return

    const actor = request.actor
    if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in first.')
    if (
      actor.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== csrfToken
    )
      throw new AppError('FORBIDDEN', 'The request is missing its CSRF token. Reload the page and try again.')
    if (actor.via === 'session' && !actor.mfaVerified && !access.duringMfa)
      throw new AppError(
        'MFA_REQUIRED',
        actor.mfaEnrollmentRequired
          ? 'Set up multi-factor authentication to continue.'
          : 'Enter your MFA code to continue.',
      )
    const roleOk =
      access.roles === 'any' || actor.roles.some((r) => (access.roles as readonly string[]).includes(r))
    // A token reaches only routes that declare a scope it holds; a change (any method but GET,
    // HEAD, OPTIONS) also needs that scope to be a write scope, so a route that mistakenly declares
    // a read scope on a write is closed to tokens rather than open to every reader's token.
    const scopeOk =
      actor.via !== 'token' ||
      (access.scope !== undefined &&
        actor.scopes?.includes(access.scope) === true &&
        (SAFE_METHODS.has(request.method) || access.scope.endsWith(':write')))
    if (!roleOk || !scopeOk) {
      await recordAuditNow(deps, request.audit, {
        action: 'access.denied',
        outcome: 'denied',
        details: { route: request.routeOptions.url ?? '', method: request.method, via: actor.via },
      })
      throw new AppError(
        'FORBIDDEN',
        roleOk
          ? 'This API token does not have the scope for this request.'
          : 'Your role does not allow this.',
      )
    }
  })
}
