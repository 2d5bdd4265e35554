import { z } from 'zod'
import { TokenScope } from './identity.schema.js'

/** An API token as listed: never its secret or hash. */
export const TokenView = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  name: z.string(),
  scopes: z.array(TokenScope),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
})
export type TokenView = z.infer<typeof TokenView>

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z
    .array(TokenScope)
    .min(1)
    .refine((s) => new Set(s).size === s.length, 'each scope once'),
  /** Days until the token stops working (default 90, at most 365). */
  expiresInDays: z.number().int().min(1).max(365).default(90),
})
export type CreateTokenInput = z.infer<typeof CreateTokenInput>

/** The new token with its secret, returned once: only its SHA-256 is stored. */
export const CreatedToken = TokenView.extend({ secret: z.string() })
export type CreatedToken = z.infer<typeof CreatedToken>

export const TokenIdParams = z.object({ id: z.uuid() })
