import { type Actor, CLINICAL_ROLES, type TokenScope, type UserRole } from './identity.schema.js'

/**
 * Who may do what in identity administration, as pure functions of the actor and the facts the
 * service has read. The routes declare the same roles at the door; these hold for any caller.
 */

function has(actor: Pick<Actor, 'roles'>, ...roles: UserRole[]): boolean {
  return actor.roles.some((r) => roles.includes(r))
}

/** Admins manage users, roles, supervision links and practice settings. */
export function canManageUsers(actor: Actor): boolean {
  return has(actor, 'admin')
}

/** The privacy officer may see who has access (but not change it). */
export function canListUsers(actor: Actor): boolean {
  return has(actor, 'admin', 'privacy_officer')
}

export function canChangePractice(actor: Actor): boolean {
  return has(actor, 'admin')
}

/** An active admin: has the role and is not disabled. */
export function isActiveAdmin(user: { roles: readonly UserRole[]; disabled: boolean }): boolean {
  return !user.disabled && user.roles.includes('admin')
}

/**
 * A change leaves the practice without an admin when it takes the last active admin's role or
 * account away. Nobody could then manage users again without the operator's database access.
 */
export function removesLastAdmin(
  before: { roles: readonly UserRole[]; disabled: boolean },
  after: { roles: readonly UserRole[]; disabled: boolean },
  activeAdmins: number,
): boolean {
  return isActiveAdmin(before) && !isActiveAdmin(after) && activeAdmins <= 1
}

/**
 * The scopes each role may put on an API token: an integration never gets more than its owner's
 * role could see (minimum necessary). A biller's token reads billing and nothing else.
 */
export const ROLE_SCOPES: Readonly<Record<UserRole, readonly TokenScope[]>> = {
  admin: ['clients:read', 'billing:read', 'audit:read'],
  clinician: ['notes:read', 'notes:write', 'clients:read'],
  supervisor: ['notes:read', 'notes:write', 'clients:read'],
  supervisee: ['notes:read', 'notes:write', 'clients:read'],
  biller: ['billing:read'],
  privacy_officer: ['audit:read'],
}

/** The scopes a user with these roles may hold, in a stable order. */
export function allowedScopes(roles: readonly UserRole[]): TokenScope[] {
  const allowed = new Set(roles.flatMap((r) => ROLE_SCOPES[r]))
  return [...allowed].sort()
}

/** A token belongs to its owner; an admin may also see and revoke every token of the practice. */
export function canSeeToken(actor: Actor, token: { user_id: string }): boolean {
  return token.user_id === actor.userId || has(actor, 'admin')
}

/** Break-glass is for people who treat: the clinical roles, in their own practice. */
export function canBreakGlass(actor: Actor): boolean {
  return actor.roles.some((r) => CLINICAL_ROLES.has(r))
}

export function canReviewBreakGlass(actor: Actor): boolean {
  return has(actor, 'privacy_officer')
}

/** Nobody reviews their own emergency access. */
export function mayReviewGrant(actor: Actor, grant: { user_id: string }): boolean {
  return canReviewBreakGlass(actor) && grant.user_id !== actor.userId
}
