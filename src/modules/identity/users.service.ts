import type { UsersTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId, newSecret } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { canListUsers, canManageUsers, isActiveAdmin, removesLastAdmin } from './identity.policy.js'
import {
  deleteSupervisionLink,
  findSupervisionLink,
  findUserByEmail,
  findUserInPractice,
  insertSupervisionLink,
  insertUser,
  listSupervisionLinks as listLinkRows,
  listUsersOfPractice,
  lockPractice,
  newUserRow,
  revokeSessionsOfUser,
  revokeTokensOfUser,
  updateUserRow,
} from './identity.repo.js'
import type { Actor, UserRole } from './identity.schema.js'
import { parseRoles } from './identity.service.js'
import { hashPassword, passwordProblem } from './passwords.js'
import type {
  CreateUserInput,
  CreateUserResult,
  SupervisionLinkInput,
  SupervisionLinkView,
  UpdateUserInput,
  UserView,
} from './users.schema.js'

const USER_NOT_FOUND = 'No such user in this practice.'

function forbid(message: string): never {
  throw new AppError('FORBIDDEN', message)
}

/** A user row as the API shows it. */
export function toUserView(row: UsersTable, now: Date): UserView {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: parseRoles(row.roles),
    disabled: row.disabled === 1,
    mfaEnabled: row.mfa_enabled === 1,
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** Everyone in the actor's practice (admins and the privacy officer). */
export async function listUsers(deps: Deps, actor: Actor): Promise<UserView[]> {
  if (!canListUsers(actor)) forbid('Only an admin or the privacy officer may list users.')
  const rows = await listUsersOfPractice(deps.db, actor.practiceId)
  const now = deps.clock.now()
  return rows.map((r) => toUserView(r, now))
}

/**
 * Create a user in the admin's practice. The first password is the admin's or a generated one,
 * returned once; either way only its scrypt hash is stored.
 */
export async function createUser(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  input: CreateUserInput,
): Promise<CreateUserResult> {
  if (!canManageUsers(actor)) forbid('Only an admin may add users.')
  const generated = input.password === undefined ? newSecret(15) : undefined
  const password = input.password ?? generated!
  const problem = passwordProblem(password)
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { field: 'password' })
  const hash = await hashPassword(password)
  const now = deps.clock.now().toISOString()
  const id = newId()
  const row = await deps.db.transaction().execute(async (trx) => {
    // Emails are unique across the installation: they are the sign-in name.
    if (await findUserByEmail(trx, input.email))
      throw new AppError('CONFLICT', 'A user with this email already exists.', { field: 'email' })
    await insertUser(
      trx,
      newUserRow({
        id,
        practiceId: actor.practiceId,
        email: input.email,
        displayName: input.displayName,
        passwordHash: hash,
        roles: input.roles,
        at: now,
      }),
    )
    await recordAudit(trx, deps, ctx, {
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      details: { roles: input.roles.join(','), passwordGenerated: generated !== undefined },
    })
    return (await findUserInPractice(trx, actor.practiceId, id))!
  })
  return {
    user: toUserView(row, deps.clock.now()),
    ...(generated ? { initialPassword: generated } : {}),
  }
}

/**
 * Change a user's name, roles or disabled state. A role change ends the user's sessions, so the
 * next sign-in applies the new roles (and MFA, if a clinical role was added). Disabling ends their
 * sessions and revokes their API tokens. The practice's last active admin cannot be demoted or
 * disabled.
 */
export async function updateUser(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  userId: string,
  input: UpdateUserInput,
): Promise<UserView> {
  if (!canManageUsers(actor)) forbid('Only an admin may change users.')
  const now = deps.clock.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    await lockPractice(trx, deps.dbKind, actor.practiceId)
    const user = await findUserInPractice(trx, actor.practiceId, userId)
    if (!user) throw new AppError('NOT_FOUND', USER_NOT_FOUND)
    const oldRoles = parseRoles(user.roles)
    const newRoles: UserRole[] = input.roles ?? oldRoles
    const wasDisabled = user.disabled === 1
    const disabled = input.disabled ?? wasDisabled
    const before = { roles: oldRoles, disabled: wasDisabled }
    const after = { roles: newRoles, disabled }
    if (isActiveAdmin(before) && !isActiveAdmin(after)) {
      const admins = (await listUsersOfPractice(trx, actor.practiceId)).filter((u) =>
        isActiveAdmin({ roles: parseRoles(u.roles), disabled: u.disabled === 1 }),
      ).length
      if (removesLastAdmin(before, after, admins))
        throw new AppError(
          'LAST_ADMIN',
          "This is the practice's last admin. Make someone else an admin first.",
        )
    }
    const rolesChanged = oldRoles.join(',') !== newRoles.join(',')
    const nameChanged = input.displayName !== undefined && input.displayName !== user.display_name
    const updated = await updateUserRow(trx, user.id, {
      ...(nameChanged ? { display_name: input.displayName } : {}),
      ...(rolesChanged ? { roles: newRoles.join(',') } : {}),
      disabled: disabled ? 1 : 0,
      updated_at: now,
    })
    const target = { targetType: 'user', targetId: user.id } as const
    if (rolesChanged) {
      const sessionsEnded = await revokeSessionsOfUser(trx, user.id, now)
      await recordAudit(trx, deps, ctx, {
        action: 'user.roles_changed',
        ...target,
        details: { oldRoles: oldRoles.join(','), newRoles: newRoles.join(','), sessionsEnded },
      })
    }
    if (nameChanged)
      await recordAudit(trx, deps, ctx, {
        action: 'user.updated',
        ...target,
        details: { field: 'displayName' },
      })
    if (disabled && !wasDisabled) {
      const sessionsEnded = await revokeSessionsOfUser(trx, user.id, now)
      const tokensRevoked = await revokeTokensOfUser(trx, user.id, now)
      await recordAudit(trx, deps, ctx, {
        action: 'user.disabled',
        ...target,
        details: { sessionsEnded, tokensRevoked },
      })
    }
    if (!disabled && wasDisabled) await recordAudit(trx, deps, ctx, { action: 'user.enabled', ...target })
    return updated
  })
  return toUserView(row, deps.clock.now())
}

/**
 * Clear a user's MFA (a lost phone): the secret is deleted and their sessions end, so they set MFA
 * up again at the next sign-in (required for clinical roles when the practice requires MFA).
 */
export async function resetUserMfa(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  userId: string,
): Promise<UserView> {
  if (!canManageUsers(actor)) forbid('Only an admin may reset MFA.')
  const now = deps.clock.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const user = await findUserInPractice(trx, actor.practiceId, userId)
    if (!user) throw new AppError('NOT_FOUND', USER_NOT_FOUND)
    const updated = await updateUserRow(trx, user.id, {
      mfa_enabled: 0,
      mfa_secret_enc: null,
      updated_at: now,
    })
    const sessionsEnded = await revokeSessionsOfUser(trx, user.id, now)
    await recordAudit(trx, deps, ctx, {
      action: 'user.mfa_reset',
      targetType: 'user',
      targetId: user.id,
      details: { hadMfa: user.mfa_enabled === 1, sessionsEnded },
    })
    return updated
  })
  return toUserView(row, deps.clock.now())
}

/** The practice's supervision links (who co-signs whose notes). */
export async function listSupervisionLinks(deps: Deps, actor: Actor): Promise<SupervisionLinkView[]> {
  if (!canManageUsers(actor)) forbid('Only an admin may see supervision links.')
  const rows = await listLinkRows(deps.db, actor.practiceId)
  return rows.map((r) => ({
    supervisorId: r.supervisor_id,
    supervisorName: r.supervisor_name,
    superviseeId: r.supervisee_id,
    superviseeName: r.supervisee_name,
    createdAt: r.created_at,
  }))
}

/** Link a supervisor to a supervisee of the same practice; each must hold the matching role. */
export async function linkSupervision(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  input: SupervisionLinkInput,
): Promise<SupervisionLinkView> {
  if (!canManageUsers(actor)) forbid('Only an admin may link supervisors.')
  if (input.supervisorId === input.superviseeId)
    throw new AppError('VALIDATION_FAILED', 'A person cannot supervise themselves.', {
      field: 'superviseeId',
    })
  const now = deps.clock.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const supervisor = await findUserInPractice(trx, actor.practiceId, input.supervisorId)
    const supervisee = await findUserInPractice(trx, actor.practiceId, input.superviseeId)
    if (!supervisor || !supervisee) throw new AppError('NOT_FOUND', USER_NOT_FOUND)
    if (!parseRoles(supervisor.roles).includes('supervisor'))
      throw new AppError('VALIDATION_FAILED', 'That user does not have the supervisor role.', {
        field: 'supervisorId',
      })
    if (!parseRoles(supervisee.roles).includes('supervisee'))
      throw new AppError('VALIDATION_FAILED', 'That user does not have the supervisee role.', {
        field: 'superviseeId',
      })
    if (await findSupervisionLink(trx, actor.practiceId, supervisor.id, supervisee.id))
      throw new AppError('CONFLICT', 'These two are already linked.')
    await insertSupervisionLink(trx, {
      practice_id: actor.practiceId,
      supervisor_id: supervisor.id,
      supervisee_id: supervisee.id,
      created_at: now,
    })
    await recordAudit(trx, deps, ctx, {
      action: 'supervision.linked',
      targetType: 'user',
      targetId: supervisee.id,
      details: { supervisorId: supervisor.id, superviseeId: supervisee.id },
    })
    return {
      supervisorId: supervisor.id,
      supervisorName: supervisor.display_name,
      superviseeId: supervisee.id,
      superviseeName: supervisee.display_name,
      createdAt: now,
    }
  })
}

/** Remove a supervision link: the supervisor no longer sees the supervisee's clients or co-signs. */
export async function unlinkSupervision(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  supervisorId: string,
  superviseeId: string,
): Promise<void> {
  if (!canManageUsers(actor)) forbid('Only an admin may unlink supervisors.')
  await deps.db.transaction().execute(async (trx) => {
    if (!(await findSupervisionLink(trx, actor.practiceId, supervisorId, superviseeId)))
      throw new AppError('NOT_FOUND', 'No such supervision link in this practice.')
    await deleteSupervisionLink(trx, actor.practiceId, supervisorId, superviseeId)
    await recordAudit(trx, deps, ctx, {
      action: 'supervision.unlinked',
      targetType: 'user',
      targetId: superviseeId,
      details: { supervisorId, superviseeId },
    })
  })
}
