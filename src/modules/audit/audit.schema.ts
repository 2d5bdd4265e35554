import { z } from 'zod'

/**
 * Every kind of audited event, in one list (ASTM E2147's "what"). Adding an action is a one-line
 * change here; a typo elsewhere fails type checking.
 */
export const AuditAction = z.enum([
  'auth.login',
  'auth.login_failed',
  'auth.locked',
  'auth.logout',
  'auth.session_expired',
  'auth.mfa_enrolled',
  'auth.mfa_failed',
  'auth.password_changed',
  'token.created',
  'token.revoked',
  'token.used',
  'user.created',
  'user.updated',
  'user.roles_changed',
  'user.disabled',
  'user.enabled',
  'user.mfa_reset',
  'supervision.linked',
  'supervision.unlinked',
  'practice.config_changed',
  'client.created',
  'client.updated',
  'client.read',
  'client.listed',
  'care_team.changed',
  'break_glass.started',
  'break_glass.reviewed',
  'break_glass.listed',
  'encounter.created',
  'transcript.uploaded',
  'transcript.read',
  'transcript.deleted',
  'audio.deleted',
  'note.listed',
  'note.read',
  'note.drafted',
  'note.draft_failed',
  'note.edited',
  'note.signed',
  'note.sign_refused',
  'note.cosigned',
  'note.addendum',
  'note.exported',
  'note.change_refused',
  'note.redraft_requested',
  'billing.viewed',
  'consent.recorded',
  'consent.revoked',
  'consent.read',
  'disclosure.recorded',
  'disclosure.listed',
  'ai.run',
  'ai.egress',
  'ai.egress_refused',
  'provider.changed',
  'audit.report',
  'audit.verified',
  'keys.rotated',
  'retention.applied',
  'access.denied',
])
export type AuditAction = z.infer<typeof AuditAction>

export const AuditOutcome = z.enum(['success', 'failure', 'denied'])
export type AuditOutcome = z.infer<typeof AuditOutcome>

/** Who did it and from where (ASTM E2147's "who" and "where"); filled by the HTTP layer or the CLI. */
export interface AuditContext {
  practiceId: string | null
  actorId: string | null
  actorRole: string | null
  ip: string | null
  userAgent: string | null
  requestId: string | null
}

/** One event to record. `details` holds facts without PHI (counts, categories, codes). */
export interface AuditEventInput {
  action: AuditAction
  outcome?: AuditOutcome
  targetType?: string
  targetId?: string
  clientId?: string
  details?: Record<string, string | number | boolean | null>
}

/** An audit event as the API shows it. */
export const AuditEventView = z.object({
  seq: z.number().int(),
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  clientId: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
})
export type AuditEventView = z.infer<typeof AuditEventView>

/** What `verifyAuditChain` found: the chain is intact, or the first event where it breaks. */
export const ChainVerdict = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  headHash: z.string(),
  problem: z
    .object({
      kind: z.enum(['altered', 'removed', 'inserted', 'truncated']),
      seq: z.number().int(),
      message: z.string(),
      /** The stored event where the break was found (absent when that event is missing). */
      eventId: z.string().optional(),
      action: z.string().optional(),
      at: z.string().optional(),
    })
    .optional(),
})
export type ChainVerdict = z.infer<typeof ChainVerdict>

const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()])

/** The start of a report range: a date means its first millisecond (UTC). */
export const RangeStart = Instant.transform((v) =>
  v.length === 10 ? `${v}T00:00:00.000Z` : new Date(v).toISOString(),
)
/** The end of a report range (inclusive): a date means its last millisecond (UTC). */
export const RangeEnd = Instant.transform((v) =>
  v.length === 10 ? `${v}T23:59:59.999Z` : new Date(v).toISOString(),
)

/** The filters of an audit report (`GET /api/audit`), newest first, paged by `beforeSeq`. */
export const AuditReportQuery = z.object({
  from: RangeStart.optional(),
  to: RangeEnd.optional(),
  userId: z.uuid().optional(),
  clientId: z.uuid().optional(),
  action: AuditAction.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeSeq: z.coerce.number().int().min(1).optional(),
})
export type AuditReportQuery = z.infer<typeof AuditReportQuery>

/** One page of an audit report; `nextBeforeSeq` asks for the next (older) page, null at the end. */
export const AuditReportPage = z.object({
  events: z.array(AuditEventView),
  nextBeforeSeq: z.number().int().nullable(),
})
export type AuditReportPage = z.infer<typeof AuditReportPage>
