import type { PracticesTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { canChangePractice } from './identity.policy.js'
import {
  findPractice,
  listUsersOfPractice,
  lockPractice,
  revokeSessionsOfUser,
  updatePracticeRow,
} from './identity.repo.js'
import { type Actor, CLINICAL_ROLES } from './identity.schema.js'
import { parseRoles } from './identity.service.js'
import { type PracticeView, TranscriptRetention, type UpdatePracticeInput } from './practice.schema.js'

function toPracticeView(row: PracticesTable): PracticeView {
  return {
    id: row.id,
    name: row.name,
    requireMfa: row.require_mfa === 1,
    // An unknown stored value reads as the safer default: transcripts are deleted after signing.
    transcriptRetention: TranscriptRetention.catch('delete-after-sign').parse(row.transcript_retention),
  }
}

/** The actor's practice settings (any signed-in user of it). */
export async function getPractice(deps: Deps, actor: Actor): Promise<PracticeView> {
  const row = await findPractice(deps.db, actor.practiceId)
  if (!row) throw new AppError('NOT_FOUND', 'No such practice.')
  return toPracticeView(row)
}

/**
 * Change the practice's name, MFA requirement or transcript retention (admin). The audit event
 * carries each changed setting's before and after value (settings are not PHI). Turning MFA on
 * ends the sessions of clinical users who have not set MFA up, so they enrol at the next sign-in
 * instead of working on in a session that never passed MFA.
 */
export async function updatePractice(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  input: UpdatePracticeInput,
): Promise<PracticeView> {
  if (!canChangePractice(actor))
    throw new AppError('FORBIDDEN', 'Only an admin may change practice settings.')
  const now = deps.clock.now().toISOString()
  const row = await deps.db.transaction().execute(async (trx) => {
    const current = await lockPractice(trx, deps.dbKind, actor.practiceId)
    if (!current) throw new AppError('NOT_FOUND', 'No such practice.')
    const before = toPracticeView(current)
    const after = { ...before, ...input }
    const changed = (['name', 'requireMfa', 'transcriptRetention'] as const).filter(
      (k) => before[k] !== after[k],
    )
    if (changed.length === 0) return current
    const updated = await updatePracticeRow(trx, current.id, {
      name: after.name,
      require_mfa: after.requireMfa ? 1 : 0,
      transcript_retention: after.transcriptRetention,
    })
    let sessionsEnded = 0
    if (after.requireMfa && !before.requireMfa) {
      const users = await listUsersOfPractice(trx, actor.practiceId)
      for (const u of users)
        if (!u.mfa_enabled && parseRoles(u.roles).some((r) => CLINICAL_ROLES.has(r)))
          sessionsEnded += await revokeSessionsOfUser(trx, u.id, now)
    }
    const details: Record<string, string | number | boolean | null> = { changed: changed.join(',') }
    for (const k of changed) {
      details[`${k}.before`] = before[k]
      details[`${k}.after`] = after[k]
    }
    if (sessionsEnded > 0) details.sessionsEnded = sessionsEnded
    await recordAudit(trx, deps, ctx, {
      action: 'practice.config_changed',
      targetType: 'practice',
      targetId: current.id,
      details,
    })
    return updated
  })
  return toPracticeView(row)
}
