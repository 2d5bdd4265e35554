import type { Transaction } from 'kysely'
import type { Database, JobsTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import type { AuditContext } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { auditDenied, canAccessClient } from '../records/index.js'
import { findJob, insertJob } from './jobs.repo.js'
import { JobError, JobPayloadRefs, JobState, type JobView } from './jobs.schema.js'

export interface EnqueueJob {
  practiceId: string
  kind: string
  /** Ids and options only: the payload is stored in clear. */
  payload: JobPayloadRefs
  now: Date
  maxAttempts?: number
}

/** Queue a job in the caller's transaction; returns its id. */
export async function enqueueJob(trx: Transaction<Database>, input: EnqueueJob): Promise<string> {
  const id = newId()
  const at = input.now.toISOString()
  await insertJob(trx, {
    id,
    practice_id: input.practiceId,
    kind: input.kind,
    payload: JSON.stringify(input.payload),
    state: 'queued',
    progress: 0,
    stage: 'queued',
    attempts: 0,
    max_attempts: input.maxAttempts ?? 3,
    locked_by: null,
    locked_until: null,
    error: null,
    result: null,
    run_after: at,
    created_at: at,
    updated_at: at,
  })
  return id
}

/** The API view of a job row. */
export function toJobView(row: JobsTable): JobView {
  const refs = JobPayloadRefs.safeParse(safeJson(row.payload))
  const error = row.error ? JobError.safeParse(safeJson(row.error)) : null
  return {
    id: row.id,
    kind: row.kind,
    state: JobState.catch('queued').parse(row.state),
    progress: row.progress,
    stage: row.stage,
    noteId: refs.success ? (refs.data.noteId ?? null) : null,
    // A retried job keeps its last error for information only while it is still queued or running.
    error: error?.success && row.state === 'failed' ? error.data : null,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}

/**
 * A job's progress, for whoever asked for it or has clinical access to its client. Another
 * practice's job is not found; a refusal is audited.
 */
export async function readJob(deps: Deps, ctx: AuditContext, actor: Actor, jobId: string): Promise<JobView> {
  const row = await findJob(deps.db, actor.practiceId, jobId)
  if (!row) throw new AppError('NOT_FOUND', 'Job not found.')
  const refs = JobPayloadRefs.safeParse(safeJson(row.payload))
  const clientId = refs.success ? refs.data.clientId : undefined
  const mine = refs.success && refs.data.requestedBy === actor.userId
  if (!mine && !(clientId && (await canAccessClient(deps.db, actor, clientId, deps.clock.now())))) {
    if (clientId)
      await auditDenied(
        deps,
        ctx,
        { type: 'job', id: jobId, clientId },
        '/api/jobs/:id',
        'no-clinical-access',
      )
    throw new AppError('FORBIDDEN', 'You do not have access to this job.')
  }
  return toJobView(row)
}
