import type { TokenScope, UserRole } from '../modules/identity/identity.schema.js'

/**
 * Who may call a route, declared on every route (`config: { access }`). A route without a
 * declaration refuses to register, so nothing is reachable by accident.
 * - `public`: no sign-in (sign-in itself, health, the API description). No PHI behind these.
 * - `roles`: signed in with one of the roles (or 'any' signed-in user); API tokens need `scope`.
 * - `duringMfa`: reachable before MFA is verified (the MFA steps, the session, sign-out).
 */
export type Access =
  | { public: true }
  | { roles: readonly UserRole[] | 'any'; scope?: TokenScope; duringMfa?: boolean }

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
  }
}

export const PUBLIC: Access = { public: true }

/** Every role that works with clinical records. */
export const CLINICAL: readonly UserRole[] = ['clinician', 'supervisor', 'supervisee']
