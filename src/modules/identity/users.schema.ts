import { z } from 'zod'
import { UserRole } from './identity.schema.js'

/** A practice user as admins and the privacy officer see them (never a hash or an MFA secret). */
export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(UserRole),
  disabled: z.boolean(),
  mfaEnabled: z.boolean(),
  /** Locked out after repeated failed sign-ins, until the lockout ends. */
  locked: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type UserView = z.infer<typeof UserView>

const Roles = z
  .array(UserRole)
  .min(1, 'at least one role')
  .refine((roles) => new Set(roles).size === roles.length, 'each role once')

export const DisplayName = z.string().trim().min(1).max(200)

export const CreateUserInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  displayName: DisplayName,
  roles: Roles,
  /** The first password; omitted, one is generated and returned once. */
  password: z.string().max(512).optional(),
})
export type CreateUserInput = z.infer<typeof CreateUserInput>

export const CreateUserResult = z.object({
  user: UserView,
  /** Present only when Sidenote generated the password: shown this once, never stored in clear. */
  initialPassword: z.string().optional(),
})
export type CreateUserResult = z.infer<typeof CreateUserResult>

export const UpdateUserInput = z
  .object({ displayName: DisplayName, roles: Roles, disabled: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
export type UpdateUserInput = z.infer<typeof UpdateUserInput>

export const UserIdParams = z.object({ id: z.uuid() })

export const SupervisionLinkView = z.object({
  supervisorId: z.string(),
  supervisorName: z.string(),
  superviseeId: z.string(),
  superviseeName: z.string(),
  createdAt: z.string(),
})
export type SupervisionLinkView = z.infer<typeof SupervisionLinkView>

export const SupervisionLinkInput = z.object({ supervisorId: z.uuid(), superviseeId: z.uuid() })
export type SupervisionLinkInput = z.infer<typeof SupervisionLinkInput>
