import { z } from 'zod'

/** The longest emergency access one grant gives. */
export const BREAK_GLASS_MAX_MINUTES = 120

export const StartBreakGlassInput = z.object({
  /** Why the clinician needs this record now; encrypted at rest, read by the privacy officer. */
  reason: z.string().trim().min(10, 'at least 10 characters').max(2000),
  minutes: z.number().int().min(1).max(BREAK_GLASS_MAX_MINUTES).default(60),
})
export type StartBreakGlassInput = z.infer<typeof StartBreakGlassInput>

export const ReviewBreakGlassInput = z.object({
  appropriate: z.boolean(),
  note: z.string().trim().min(1).max(2000),
})
export type ReviewBreakGlassInput = z.infer<typeof ReviewBreakGlassInput>

export const BreakGlassListQuery = z.object({ status: z.enum(['unreviewed', 'all']).default('unreviewed') })

/** A grant as its holder sees it when it starts. */
export const BreakGlassGrant = z.object({
  id: z.string(),
  clientId: z.string(),
  userId: z.string(),
  startedAt: z.string(),
  expiresAt: z.string(),
})
export type BreakGlassGrant = z.infer<typeof BreakGlassGrant>

/** A grant as the privacy officer reviews it: who, which client, why, when, and the review. */
export const BreakGlassView = BreakGlassGrant.extend({
  userName: z.string(),
  reason: z.string(),
  active: z.boolean(),
  review: z.object({ by: z.string(), at: z.string(), appropriate: z.boolean(), note: z.string() }).nullable(),
})
export type BreakGlassView = z.infer<typeof BreakGlassView>

export const ClientIdParams = z.object({ id: z.uuid() })
export const GrantIdParams = z.object({ id: z.uuid() })
