import type { Transaction } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import {
  clearTranscript,
  findEncounterRetention,
  findExpiredTranscripts,
  TranscriptRetention,
} from './retention.repo.js'

/** The audit context of the retention sweep: no user, the system acting on a practice's policy. */
export function systemContext(practiceId: string): AuditContext {
  return {
    practiceId,
    actorId: null,
    actorRole: 'system',
    ip: null,
    userAgent: 'sidenote-retention',
    requestId: null,
  }
}

/**
 * Retention on signing (API plan): once a note is final, the session transcript it was drafted
 * from is deleted unless the practice keeps transcripts (`practices.transcript_retention = 'keep'`).
 * The notes module calls this inside the transaction that makes the note `signed` (for a
 * supervisee's note, the co-signature), so the transcript goes exactly when the signature commits,
 * and an audit event (`transcript.deleted`) records it. Idempotent: a deleted transcript stays deleted.
 */
export async function applyRetentionOnSign(
  trx: Transaction<Database>,
  deps: Pick<Deps, 'dbKind' | 'clock'>,
  ctx: AuditContext,
  encounterId: string,
): Promise<{ transcriptDeleted: boolean }> {
  const encounter = await findEncounterRetention(trx, encounterId)
  if (!encounter?.hasTranscript || encounter.policy === TranscriptRetention.keep)
    return { transcriptDeleted: false }
  const deleted = await clearTranscript(trx, encounterId, deps.clock.now().toISOString())
  if (deleted)
    await recordAudit(trx, deps, ctx, {
      action: 'transcript.deleted',
      targetType: 'encounter',
      targetId: encounterId,
      clientId: encounter.clientId,
      details: { policy: encounter.policy, trigger: 'sign' },
    })
  return { transcriptDeleted: deleted }
}

/** What a retention sweep did, per practice (ids and counts only). */
export interface RetentionResult {
  deleted: number
  practices: { practiceId: string; deleted: number }[]
}

/**
 * The retention sweep (`sidenote retention apply`): delete the transcripts of encounters whose notes
 * were signed by `now` where the practice's policy is to delete them — notes signed before the
 * policy changed, or before this module existed. One transaction per transcript, each audited
 * (`transcript.deleted`), and one `retention.applied` event per practice with the count.
 */
export async function applyRetention(
  deps: Pick<Deps, 'db' | 'dbKind' | 'clock'>,
  now: Date,
): Promise<RetentionResult> {
  const at = now.toISOString()
  const candidates = await findExpiredTranscripts(deps.db, at)
  const perPractice = new Map<string, number>()
  for (const encounter of candidates) {
    const deleted = await deps.db.transaction().execute(async (trx) => {
      // Checked again inside the transaction: another sweep, or a signing, may have got there first.
      if (!(await clearTranscript(trx, encounter.id, at))) return false
      await recordAudit(trx, deps, systemContext(encounter.practiceId), {
        action: 'transcript.deleted',
        targetType: 'encounter',
        targetId: encounter.id,
        clientId: encounter.clientId,
        details: { policy: TranscriptRetention.deleteAfterSign, trigger: 'sweep' },
      })
      return true
    })
    perPractice.set(encounter.practiceId, (perPractice.get(encounter.practiceId) ?? 0) + (deleted ? 1 : 0))
  }
  const practices = [...perPractice].map(([practiceId, deleted]) => ({ practiceId, deleted }))
  for (const p of practices)
    await deps.db.transaction().execute((trx) =>
      recordAudit(trx, deps, systemContext(p.practiceId), {
        action: 'retention.applied',
        details: { transcriptsDeleted: p.deleted, signedBefore: at },
      }),
    )
  return { deleted: practices.reduce((sum, p) => sum + p.deleted, 0), practices }
}
