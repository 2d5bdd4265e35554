import type { Transaction } from 'kysely'
import type { Db, DbKind } from '../../platform/db/index.js'
import type { Database, JobsTable } from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** Queue a job (in the caller's transaction, so it exists exactly when the change that needs it does). */
export async function insertJob(db: Executor, row: JobsTable): Promise<void> {
  await db.insertInto('jobs').values(row).execute()
}

/** A job of the practice, or undefined. */
export async function findJob(
  db: Executor,
  practiceId: string,
  jobId: string,
): Promise<JobsTable | undefined> {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('id', '=', jobId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * Put every job whose lease has expired back in the queue: its worker died or stalled. Its
 * attempts are kept, so a job that keeps killing workers is given up on at claim time.
 */
export async function requeueExpired(db: Executor, now: string): Promise<number> {
  const r = await db
    .updateTable('jobs')
    .set({ state: 'queued', locked_by: null, locked_until: null, updated_at: now })
    .where('state', '=', 'running')
    .where('locked_until', '<', now)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/**
 * Claim the oldest runnable job of these kinds with a lease, in one statement. On PostgreSQL the
 * candidate row is locked with FOR UPDATE SKIP LOCKED, so concurrent claimers (other workers,
 * other processes) take different jobs without waiting; on SQLite the single writer serialises the
 * statement. The outer `state = 'queued'` makes the claim a compare-and-set either way.
 */
export async function claimJob(
  db: Executor,
  kind: DbKind,
  claim: { kinds: readonly string[]; token: string; now: string; leaseUntil: string },
): Promise<JobsTable | undefined> {
  if (claim.kinds.length === 0) return undefined
  return db
    .updateTable('jobs')
    .set((eb) => ({
      state: 'running',
      locked_by: claim.token,
      locked_until: claim.leaseUntil,
      attempts: eb('attempts', '+', 1),
      stage: 'claimed',
      updated_at: claim.now,
    }))
    .where('id', '=', (eb) => {
      let candidate = eb
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'queued')
        .where('run_after', '<=', claim.now)
        .where('kind', 'in', [...claim.kinds])
        .orderBy('run_after')
        .orderBy('created_at')
        .limit(1)
      if (kind === 'postgres') candidate = candidate.forUpdate().skipLocked()
      return candidate
    })
    .where('state', '=', 'queued')
    .returningAll()
    .executeTakeFirst()
}

/** Record progress and extend the lease, only while the job is still ours; false when it is not. */
export async function heartbeat(
  db: Executor,
  jobId: string,
  token: string,
  update: { stage: string; progress: number; now: string; leaseUntil: string },
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      stage: update.stage,
      progress: update.progress,
      locked_until: update.leaseUntil,
      updated_at: update.now,
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/**
 * Finish a job (done or failed) only if this claim still owns it: the compare-and-set that keeps a
 * worker whose lease was taken over from applying a result a second time. On PostgreSQL the row
 * lock it takes is held until the caller's transaction ends, so a concurrent claim waits or skips.
 */
export async function finishOwned(
  trx: Executor,
  jobId: string,
  token: string,
  outcome: {
    state: 'done' | 'failed'
    stage: string
    progress: number
    now: string
    error: string | null
    result: string | null
  },
): Promise<boolean> {
  const r = await trx
    .updateTable('jobs')
    .set({
      state: outcome.state,
      stage: outcome.stage,
      progress: outcome.progress,
      locked_until: null,
      error: outcome.error,
      result: outcome.result,
      updated_at: outcome.now,
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Give an owned job back to the queue to try again later (a transient failure). */
export async function retryOwned(
  trx: Executor,
  jobId: string,
  token: string,
  retry: { runAfter: string; now: string; error: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('jobs')
    .set({
      state: 'queued',
      stage: 'queued',
      locked_by: null,
      locked_until: null,
      run_after: retry.runAfter,
      error: retry.error,
      updated_at: retry.now,
    })
    .where('id', '=', jobId)
    .where('locked_by', '=', token)
    .where('state', '=', 'running')
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
