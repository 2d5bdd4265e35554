import { z } from 'zod'

/** The roles a practice gives its people. No role is a patient: no patient ever signs in. */
export const UserRole = z.enum([
  'admin',
  'clinician',
  'supervisor',
  'supervisee',
  'biller',
  'privacy_officer',
])
export type UserRole = z.infer<typeof UserRole>

/** Roles that see clinical content (and need MFA when the practice requires it). */
export const CLINICAL_ROLES: ReadonlySet<UserRole> = new Set<UserRole>([
  'clinician',
  'supervisor',
  'supervisee',
])

/** Scopes an API token can carry. */
export const TokenScope = z.enum(['notes:read', 'notes:write', 'clients:read', 'billing:read', 'audit:read'])
export type TokenScope = z.infer<typeof TokenScope>

/** Who is acting, resolved from a session cookie or an API token, for every request. */
export interface Actor {
  userId: string
  practiceId: string
  roles: UserRole[]
  displayName: string
  via: 'session' | 'token'
  sessionId?: string
  tokenId?: string
  scopes?: TokenScope[]
  /** The session passed MFA (always true for tokens, which are issued after it). */
  mfaVerified: boolean
  /** The user must enrol in MFA before doing anything else. */
  mfaEnrollmentRequired: boolean
}

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(512),
})
export type LoginInput = z.infer<typeof LoginInput>

export const MfaCodeInput = z.object({ code: z.string().regex(/^\d{6}$/, 'a 6-digit code') })
export type MfaCodeInput = z.infer<typeof MfaCodeInput>

export const SessionView = z.object({
  user: z.object({ id: z.string(), displayName: z.string(), email: z.string(), roles: z.array(UserRole) }),
  practice: z.object({ id: z.string(), name: z.string(), requireMfa: z.boolean() }),
  mfaVerified: z.boolean(),
  mfaEnabled: z.boolean(),
  mfaEnrollmentRequired: z.boolean(),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
})
export type SessionView = z.infer<typeof SessionView>

export const LoginResult = z.object({
  /** The next step: 'mfa' (enter a code), 'enroll-mfa' (set MFA up first) or 'done'. */
  next: z.enum(['mfa', 'enroll-mfa', 'done']),
  session: SessionView,
})
export type LoginResult = z.infer<typeof LoginResult>

export const MfaEnrollment = z.object({ secret: z.string(), otpauthUri: z.string() })
export type MfaEnrollment = z.infer<typeof MfaEnrollment>
