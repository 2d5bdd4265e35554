import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newSecret, sha256Hex } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { allowedScopes } from './identity.policy.js'
import {
  findPractice,
  findSession,
  findSessionActor,
  findToken,
  findUserByEmail,
  findUserById,
} from './identity.repo.js'
import {
  type Actor,
  CLINICAL_ROLES,
  type LoginInput,
  type LoginResult,
  type MfaEnrollment,
  type SessionView,
  TokenScope,
  UserRole,
} from './identity.schema.js'
import { DUMMY_HASH, verifyPassword } from './passwords.js'
import { checkTotp, newTotp } from './totp.js'

const MINUTE = 60_000
// last_seen_at is written at most this often, so that reads do not each cost a write.
const TOUCH_EVERY_MS = 30_000

export function parseRoles(value: string): UserRole[] {
  return value
    .split(',')
    .map((r) => r.trim())
    .filter((r): r is UserRole => UserRole.safeParse(r).success)
}

function needsMfa(roles: UserRole[], requireMfa: boolean): boolean {
  return requireMfa && roles.some((r) => CLINICAL_ROLES.has(r))
}

const SIGN_IN_FAILED =
  'Sign-in failed. Check the email and password. After repeated failures the account is locked for a while.'

/**
 * Password sign-in. Creates a session (its token goes into an HttpOnly cookie); when MFA is on or
 * required, the session can do nothing but the MFA step until it is verified. Failures count
 * toward a lockout; every attempt is audited.
 */
export async function login(
  deps: Deps,
  ctx: AuditContext,
  input: LoginInput,
): Promise<{ token: string; result: LoginResult }> {
  const now = deps.clock.now()
  const user = await findUserByEmail(deps.db, input.email)
  // Always spend the hashing time, so a response's timing does not reveal whether the email exists.
  const passwordOk = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH)
  const locked = user?.locked_until && user.locked_until > now.toISOString()

  if (!user || user.disabled || locked || !passwordOk) {
    await deps.db.transaction().execute(async (trx) => {
      if (user && !locked && !user.disabled) {
        const failures = user.failed_logins + 1
        const lock = failures >= deps.config.loginMaxFailures
        await trx
          .updateTable('users')
          .set({
            failed_logins: lock ? 0 : failures,
            locked_until: lock
              ? new Date(now.getTime() + deps.config.lockoutMinutes * MINUTE).toISOString()
              : null,
          })
          .where('id', '=', user.id)
          .execute()
        if (lock)
          await recordAudit(
            trx,
            deps,
            { ...ctx, practiceId: user.practice_id, actorId: user.id },
            {
              action: 'auth.locked',
              outcome: 'denied',
              targetType: 'user',
              targetId: user.id,
              details: { failures, lockoutMinutes: deps.config.lockoutMinutes },
            },
          )
      }
      await recordAudit(
        trx,
        deps,
        { ...ctx, practiceId: user?.practice_id ?? null, actorId: user?.id ?? null },
        {
          action: 'auth.login_failed',
          outcome: 'failure',
          details: {
            reason: !user ? 'unknown-email' : user.disabled ? 'disabled' : locked ? 'locked' : 'password',
          },
        },
      )
    })
    throw new AppError('UNAUTHENTICATED', SIGN_IN_FAILED)
  }

  const practice = (await findPractice(deps.db, user.practice_id))!
  const roles = parseRoles(user.roles)
  const token = newSecret()
  const csrf = newSecret(18)
  const mfaVerified = !user.mfa_enabled && !needsMfa(roles, practice.require_mfa === 1)
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteHours * 60 * MINUTE).toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute()
    await trx
      .insertInto('auth_sessions')
      .values({
        id: sha256Hex(token),
        user_id: user.id,
        practice_id: user.practice_id,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiresAt,
        mfa_verified: mfaVerified ? 1 : 0,
        csrf_token: csrf,
        ip: ctx.ip,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
        revoked_at: null,
      })
      .execute()
    await recordAudit(
      trx,
      deps,
      { ...ctx, practiceId: user.practice_id, actorId: user.id, actorRole: roles.join(',') },
      {
        action: 'auth.login',
        details: { mfaPending: !mfaVerified },
      },
    )
  })
  const next = user.mfa_enabled ? 'mfa' : mfaVerified ? 'done' : 'enroll-mfa'
  const session = await sessionView(deps, sha256Hex(token))
  return { token, result: { next, session } }
}

/** The session as the web app sees it (user, practice, MFA state, CSRF token, timeouts). */
export async function sessionView(deps: Deps, sessionId: string): Promise<SessionView> {
  const s = await findSession(deps.db, sessionId)
  if (!s) throw new AppError('UNAUTHENTICATED', 'Not signed in.')
  const user = (await findUserById(deps.db, s.user_id))!
  const practice = (await findPractice(deps.db, s.practice_id))!
  const roles = parseRoles(user.roles)
  return {
    user: { id: user.id, displayName: user.display_name, email: user.email, roles },
    practice: { id: practice.id, name: practice.name, requireMfa: practice.require_mfa === 1 },
    mfaVerified: s.mfa_verified === 1,
    mfaEnabled: user.mfa_enabled === 1,
    mfaEnrollmentRequired: !user.mfa_enabled && needsMfa(roles, practice.require_mfa === 1),
    csrfToken: s.csrf_token,
    idleTimeoutSeconds: deps.config.sessionIdleMinutes * 60,
    expiresAt: s.expires_at,
  }
}

export interface ResolvedSession {
  actor: Actor
  csrfToken: string
}

/**
 * The actor behind a session cookie, or why there is none: expired (absolute lifetime), idle for
 * longer than the idle timeout, revoked, or the user disabled. Idle expiry is audited once.
 */
export async function resolveSession(deps: Deps, ctx: AuditContext, token: string): Promise<ResolvedSession> {
  const now = deps.clock.now()
  const id = sha256Hex(token)
  const s = await findSessionActor(deps.db, id)
  if (!s || s.revoked_at)
    throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.')
  const idleSince = now.getTime() - new Date(s.last_seen_at).getTime()
  const expired = s.expires_at <= now.toISOString()
  if (expired || idleSince > deps.config.sessionIdleMinutes * MINUTE) {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('auth_sessions')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', id)
        .execute()
      await recordAudit(
        trx,
        deps,
        { ...ctx, practiceId: s.practice_id, actorId: s.user_id },
        {
          action: 'auth.session_expired',
          details: { reason: expired ? 'absolute-lifetime' : 'idle' },
        },
      )
    })
    throw new AppError(
      'UNAUTHENTICATED',
      expired
        ? 'Your session reached its time limit. Please sign in again.'
        : 'Signed out after inactivity. Please sign in again.',
      { detail: { reason: expired ? 'expired' : 'idle' } },
    )
  }
  if (s.disabled) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Please sign in again.')
  if (idleSince > TOUCH_EVERY_MS)
    await deps.db
      .updateTable('auth_sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute()
  const roles = parseRoles(s.roles)
  return {
    csrfToken: s.csrf_token,
    actor: {
      userId: s.user_id,
      practiceId: s.user_practice_id,
      roles,
      displayName: s.display_name,
      via: 'session',
      sessionId: id,
      mfaVerified: s.mfa_verified === 1,
      mfaEnrollmentRequired: !s.mfa_enabled && needsMfa(roles, s.require_mfa === 1),
    },
  }
}

/**
 * The actor behind an API token (`Authorization: Bearer ...`): the token's user, limited to its
 * scopes — and to the scopes the user's roles allow today, so a token outlives no role change.
 */
export async function resolveToken(deps: Deps, token: string): Promise<Actor> {
  const now = deps.clock.now().toISOString()
  const row = await findToken(deps.db, sha256Hex(token))
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now))
    throw new AppError('UNAUTHENTICATED', 'The API token is not valid.')
  const user = await findUserById(deps.db, row.user_id)
  if (!user || user.disabled || user.practice_id !== row.practice_id)
    throw new AppError('UNAUTHENTICATED', 'The API token is not valid.')
  const roles = parseRoles(user.roles)
  const allowed = allowedScopes(roles)
  if (
    !row.last_used_at ||
    now > new Date(new Date(row.last_used_at).getTime() + TOUCH_EVERY_MS).toISOString()
  )
    await deps.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute()
  return {
    userId: user.id,
    practiceId: user.practice_id,
    roles,
    displayName: user.display_name,
    via: 'token',
    tokenId: row.id,
    scopes: row.scopes
      .split(',')
      .filter((s): s is TokenScope => TokenScope.safeParse(s).success && allowed.includes(s as TokenScope)),
    mfaVerified: true,
    mfaEnrollmentRequired: false,
  }
}

/** Sign out: the session is revoked server-side, not only forgotten by the browser. */
export async function logout(deps: Deps, ctx: AuditContext, actor: Actor): Promise<void> {
  if (!actor.sessionId) return
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('auth_sessions')
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where('id', '=', actor.sessionId!)
      .execute()
    await recordAudit(trx, deps, ctx, { action: 'auth.logout' })
  })
}

/** Start MFA enrolment: a new TOTP secret, stored encrypted, active only once a code confirms it. */
export async function startMfaEnrollment(deps: Deps, actor: Actor): Promise<MfaEnrollment> {
  const user = (await findUserById(deps.db, actor.userId))!
  if (user.mfa_enabled) throw new AppError('CONFLICT', 'MFA is already set up for this account.')
  const { secret, otpauthUri } = newTotp(user.email)
  await deps.db
    .updateTable('users')
    .set({ mfa_secret_enc: deps.vault.encrypt(secret, `users.mfa_secret:${user.id}`) })
    .where('id', '=', user.id)
    .execute()
  return { secret, otpauthUri }
}

/**
 * Check an MFA code: confirms a pending enrolment (turning MFA on) or completes sign-in. A wrong
 * code counts toward the lockout like a wrong password.
 */
export async function verifyMfa(deps: Deps, ctx: AuditContext, actor: Actor, code: string): Promise<void> {
  const now = deps.clock.now()
  const user = (await findUserById(deps.db, actor.userId))!
  if (!user.mfa_secret_enc) throw new AppError('BAD_REQUEST', 'Set up MFA first.')
  const secret = deps.vault.decrypt(user.mfa_secret_enc, `users.mfa_secret:${user.id}`)
  const ok = checkTotp(secret, code, now)
  await deps.db.transaction().execute(async (trx) => {
    if (!ok) {
      const failures = user.failed_logins + 1
      const lock = failures >= deps.config.loginMaxFailures
      await trx
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failures,
          locked_until: lock
            ? new Date(now.getTime() + deps.config.lockoutMinutes * MINUTE).toISOString()
            : null,
        })
        .where('id', '=', user.id)
        .execute()
      if (lock && actor.sessionId)
        await trx
          .updateTable('auth_sessions')
          .set({ revoked_at: now.toISOString() })
          .where('id', '=', actor.sessionId)
          .execute()
      await recordAudit(trx, deps, ctx, {
        action: 'auth.mfa_failed',
        outcome: 'failure',
        details: { locked: lock },
      })
      return
    }
    const enrolling = user.mfa_enabled === 0
    await trx
      .updateTable('users')
      .set({ mfa_enabled: 1, failed_logins: 0 })
      .where('id', '=', user.id)
      .execute()
    if (actor.sessionId)
      await trx
        .updateTable('auth_sessions')
        .set({ mfa_verified: 1 })
        .where('id', '=', actor.sessionId)
        .execute()
    if (enrolling) await recordAudit(trx, deps, ctx, { action: 'auth.mfa_enrolled' })
  })
  if (!ok)
    throw new AppError(
      'UNAUTHENTICATED',
      'That code is not valid. Check the time on your device and try again.',
    )
}
