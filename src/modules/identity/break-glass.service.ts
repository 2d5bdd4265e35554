import { z } from 'zod'
import type { BreakGlassTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit, recordAuditNow } from '../audit/index.js'
import {
  findClientInPractice,
  findGrantInPractice,
  hasOrdinaryAccess,
  insertGrant,
  listGrants,
  markGrantReviewed,
} from './break-glass.repo.js'
import type {
  BreakGlassGrant,
  BreakGlassView,
  ReviewBreakGlassInput,
  StartBreakGlassInput,
} from './break-glass.schema.js'
import { canBreakGlass, canReviewBreakGlass, mayReviewGrant } from './identity.policy.js'
import type { Actor } from './identity.schema.js'

const MINUTE = 60_000
const GRANT_NOT_FOUND = 'No such emergency access grant in this practice.'

// The review is one encrypted record (verdict and note): the note is free text and may name the
// client, and the table has no column of its own for the verdict. The verdict is also in the
// `break_glass.reviewed` audit event, in clear, for reports.
const StoredReview = z.object({ appropriate: z.boolean(), note: z.string() })

const reasonContext = (id: string) => `break_glass.reason:${id}`
const reviewContext = (id: string) => `break_glass.review_note:${id}`

/**
 * Emergency access ("break the glass"): a clinician outside a client's care team gets a
 * time-boxed grant to that client's record, with a reason, flagged for the privacy officer's
 * review. `canAccessClient` (records) honours the grant while it is active. A client of another
 * practice is not found; someone who already has access is told so instead of being given a grant.
 */
export async function startBreakGlass(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  clientId: string,
  input: StartBreakGlassInput,
): Promise<BreakGlassGrant> {
  if (!canBreakGlass(actor)) throw new AppError('FORBIDDEN', 'Emergency access is for clinical roles.')
  const now = deps.clock.now()
  const id = newId()
  const refusal = await deps.db.transaction().execute(async (trx) => {
    const client = await findClientInPractice(trx, actor.practiceId, clientId)
    if (!client) return 'not-found' as const
    if (await hasOrdinaryAccess(trx, client.id, actor.userId)) return 'has-access' as const
    const row: BreakGlassTable = {
      id,
      practice_id: actor.practiceId,
      user_id: actor.userId,
      client_id: client.id,
      reason_enc: deps.vault.encrypt(input.reason, reasonContext(id)),
      started_at: now.toISOString(),
      expires_at: new Date(now.getTime() + input.minutes * MINUTE).toISOString(),
      reviewed_by: null,
      reviewed_at: null,
      review_note_enc: null,
    }
    await insertGrant(trx, row)
    await recordAudit(trx, deps, ctx, {
      action: 'break_glass.started',
      targetType: 'break_glass',
      targetId: id,
      clientId: client.id,
      details: { minutes: input.minutes, expiresAt: row.expires_at, reviewRequired: true },
    })
    return null
  })
  if (refusal === 'not-found') {
    // Probing for records outside one's practice is worth a line in the trail (the id is not PHI).
    await recordAuditNow(deps, ctx, {
      action: 'access.denied',
      outcome: 'denied',
      targetType: 'client',
      targetId: clientId,
      details: { attempted: 'break_glass.start', reason: 'no-such-client' },
    })
    throw new AppError('NOT_FOUND', 'No such client.')
  }
  if (refusal === 'has-access')
    throw new AppError('CONFLICT', 'You already have access to this client; emergency access is not needed.')
  return {
    id,
    clientId,
    userId: actor.userId,
    startedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.minutes * MINUTE).toISOString(),
  }
}

function toView(deps: Deps, row: BreakGlassTable & { user_name: string }, now: string): BreakGlassView {
  const stored =
    row.review_note_enc && row.reviewed_by && row.reviewed_at
      ? StoredReview.parse(JSON.parse(deps.vault.decrypt(row.review_note_enc, reviewContext(row.id))))
      : null
  return {
    id: row.id,
    clientId: row.client_id,
    userId: row.user_id,
    userName: row.user_name,
    startedAt: row.started_at,
    expiresAt: row.expires_at,
    reason: deps.vault.decrypt(row.reason_enc, reasonContext(row.id)),
    active: row.started_at <= now && row.expires_at > now,
    review:
      stored && row.reviewed_by && row.reviewed_at
        ? { by: row.reviewed_by, at: row.reviewed_at, ...stored }
        : null,
  }
}

/**
 * The practice's emergency-access grants for the privacy officer: the unreviewed ones (the
 * review queue) or all. Reasons may name the client, so reading the list is audited.
 */
export async function listBreakGlass(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  status: 'unreviewed' | 'all',
): Promise<BreakGlassView[]> {
  if (!canReviewBreakGlass(actor))
    throw new AppError('FORBIDDEN', 'Only the privacy officer reviews emergency access.')
  const rows = await listGrants(deps.db, actor.practiceId, status === 'unreviewed')
  const now = deps.clock.now().toISOString()
  const views = rows.map((r) => toView(deps, r, now))
  await recordAuditNow(deps, ctx, {
    action: 'break_glass.listed',
    details: { status, grants: views.length },
  })
  return views
}

/**
 * The privacy officer's review of a grant: appropriate or not, with a note. A grant found
 * inappropriate while still running ends now. Each grant is reviewed once, by someone other than
 * its holder.
 */
export async function reviewBreakGlass(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  grantId: string,
  input: ReviewBreakGlassInput,
): Promise<BreakGlassView> {
  if (!canReviewBreakGlass(actor))
    throw new AppError('FORBIDDEN', 'Only the privacy officer reviews emergency access.')
  const now = deps.clock.now().toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const grant = await findGrantInPractice(trx, actor.practiceId, grantId)
    if (!grant) throw new AppError('NOT_FOUND', GRANT_NOT_FOUND)
    if (!mayReviewGrant(actor, grant))
      throw new AppError('FORBIDDEN', 'Another privacy officer must review your own emergency access.')
    const endsNow = !input.appropriate && grant.expires_at > now
    const expiresAt = endsNow ? now : grant.expires_at
    const first =
      !grant.reviewed_at &&
      (await markGrantReviewed(trx, grant.id, {
        by: actor.userId,
        at: now,
        noteEnc: deps.vault.encrypt(JSON.stringify(StoredReview.parse(input)), reviewContext(grant.id)),
        expiresAt,
      }))
    if (!first) throw new AppError('CONFLICT', 'This grant has already been reviewed.')
    await recordAudit(trx, deps, ctx, {
      action: 'break_glass.reviewed',
      targetType: 'break_glass',
      targetId: grant.id,
      clientId: grant.client_id,
      details: { appropriate: input.appropriate, endedEarly: endsNow, holderId: grant.user_id },
    })
    const view = toView(
      deps,
      { ...grant, reviewed_by: null, reviewed_at: null, review_note_enc: null, expires_at: expiresAt },
      now,
    )
    return { ...view, review: { by: actor.userId, at: now, ...StoredReview.parse(input) } }
  })
}
