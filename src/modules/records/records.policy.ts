import { type Actor, CLINICAL_ROLES, type UserRole } from '../identity/index.js'

/**
 * Who may do what with client records, as pure functions of the actor. The routes declare the
 * same roles at the door; record-level access (care team, practice) is `canAccessClient`.
 */

export function isClinical(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => CLINICAL_ROLES.has(r))
}

/** The admin keeps demographics and care teams for every client of the practice, never note text. */
export function isAdmin(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('admin')
}

/** Who can sit on a care team: active users with a clinical role. */
export function mayJoinCareTeam(user: { roles: readonly UserRole[]; disabled: boolean }): boolean {
  return !user.disabled && user.roles.some((r) => CLINICAL_ROLES.has(r))
}
