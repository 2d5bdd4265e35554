import { hostname } from 'node:os'
import type { Transaction } from 'kysely'
import type { Database, JobsTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { isAppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { claimJob, finishOwned, heartbeat, requeueExpired, retryOwned } from './jobs.repo.js'
import type { JobError } from './jobs.schema.js'

/** How long a claim holds a job without a heartbeat before another worker may take it over. */
export const DEFAULT_LEASE_MS = 2 * 60_000
/** How long an idle worker waits before looking for work again. */
export const DEFAULT_POLL_MS = 500
const RETRY_BASE_MS = 5_000

/** Thrown inside a run when the job is no longer this claim's (its lease expired and was taken over). */
export class LeaseLost extends Error {
  constructor() {
    super('The job lease was lost.')
    this.name = 'LeaseLost'
  }
}

/** A claimed job as a handler sees it. */
export interface ClaimedJob {
  id: string
  practiceId: string
  kind: string
  payload: unknown
  attempts: number
}

export interface JobRunContext {
  job: ClaimedJob
  /** Report the current stage (0–100) and extend the lease; throws LeaseLost when the job is not ours any more. */
  progress(stage: string, percent: number): Promise<void>
}

/** The result a job stores (ids and counts only, never PHI). */
export type JobResult = Record<string, string | number | boolean | null>

/**
 * One kind of background work. `run` does the slow part outside any transaction and returns
 * `apply`, which writes the result; the runner calls `apply` inside the transaction that marks the
 * job done, after checking the job is still this claim's. `fail` records a failure the same way.
 * An AppError from `run` is final (bad input, consent refused); any other error is retried.
 */
export interface JobHandler {
  run(deps: Deps, ctx: JobRunContext): Promise<(trx: Transaction<Database>) => Promise<JobResult>>
  fail(deps: Deps, trx: Transaction<Database>, job: ClaimedJob, error: JobError): Promise<void>
}

export type JobHandlers = Readonly<Record<string, JobHandler>>

export interface RunOutcome {
  jobId: string
  kind: string
  /** done: result applied; failed: failure applied; retry: back in the queue; lost: another claim owns it now. */
  outcome: 'done' | 'failed' | 'retry' | 'lost'
}

export interface JobRunnerOptions {
  handlers: JobHandlers
  /** Names this runner in `jobs.locked_by` (with a fresh token per claim). */
  workerId?: string
  leaseMs?: number
  /** Test hook: called after a run and before its result is applied (e.g. to let a lease expire). */
  beforeApply?: (job: ClaimedJob) => Promise<void>
}

export interface JobRunner {
  /** Re-queue expired leases, claim one job, run it and apply the outcome; null when there was nothing to do. */
  runOnce(): Promise<RunOutcome | null>
}

function publicError(error: unknown): JobError {
  if (isAppError(error)) return { code: error.code, message: error.message }
  return {
    code: 'INTERNAL',
    message: 'The job failed on the server. Try again; quote the job id if it keeps failing.',
  }
}

/**
 * The job runner: claims with a lease, runs, and applies the outcome with a compare-and-set on the
 * claim token, so a job runs to completion once even across restarts and several processes on
 * one PostgreSQL: a crashed worker's job is re-queued when its lease expires, and a worker that
 * lost its lease finds out when it tries to apply and throws its result away.
 */
export function createJobRunner(deps: Deps, options: JobRunnerOptions): JobRunner {
  const kinds = Object.keys(options.handlers)
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`
  const log = deps.logger

  const leaseFrom = (now: Date) => new Date(now.getTime() + leaseMs).toISOString()

  async function finishFailed(
    job: JobsTable,
    token: string,
    handler: JobHandler | undefined,
    error: JobError,
  ) {
    const claimed = toClaimed(job)
    return deps.db.transaction().execute(async (trx) => {
      const owned = await finishOwned(trx, job.id, token, {
        state: 'failed',
        stage: 'failed',
        progress: job.progress,
        now: deps.clock.now().toISOString(),
        error: JSON.stringify(error),
        result: null,
      })
      if (!owned) return false
      if (handler) await handler.fail(deps, trx, claimed, error)
      return true
    })
  }

  return {
    async runOnce() {
      const now = deps.clock.now()
      const requeued = await requeueExpired(deps.db, now.toISOString())
      if (requeued > 0) log.warn({ requeued }, 'job leases expired; jobs re-queued')
      const token = `${workerId}:${newId()}`
      const job = await claimJob(deps.db, deps.dbKind, {
        kinds,
        token,
        now: now.toISOString(),
        leaseUntil: leaseFrom(now),
      })
      if (!job) return null
      const handler = options.handlers[job.kind]
      const done = (outcome: RunOutcome['outcome']): RunOutcome => {
        log.info({ jobId: job.id, kind: job.kind, attempt: job.attempts, outcome }, 'job finished')
        return { jobId: job.id, kind: job.kind, outcome }
      }
      if (!handler) return done('lost')
      if (job.attempts > job.max_attempts) {
        const gaveUp = {
          code: 'INTERNAL',
          message: `The job was given up after ${job.max_attempts} attempts.`,
        }
        return done((await finishFailed(job, token, handler, gaveUp)) ? 'failed' : 'lost')
      }

      const ctx: JobRunContext = {
        job: toClaimed(job),
        async progress(stage, percent) {
          const at = deps.clock.now()
          const ours = await heartbeat(deps.db, job.id, token, {
            stage,
            progress: Math.max(0, Math.min(100, Math.round(percent))),
            now: at.toISOString(),
            leaseUntil: leaseFrom(at),
          })
          if (!ours) throw new LeaseLost()
        },
      }

      const handleError = async (error: unknown): Promise<RunOutcome> => {
        if (error instanceof LeaseLost) return done('lost')
        const failure = publicError(error)
        if (!isAppError(error)) {
          // Never the message: it could quote data. The name and the stack's frames only.
          const e = error as Error | undefined
          log.error(
            {
              jobId: job.id,
              kind: job.kind,
              err: { name: e?.name, stack: e?.stack?.split('\n').slice(1, 6).join('\n') },
            },
            'job run failed',
          )
          if (job.attempts < job.max_attempts) {
            const at = deps.clock.now()
            const retried = await retryOwned(deps.db, job.id, token, {
              runAfter: new Date(at.getTime() + RETRY_BASE_MS * 2 ** (job.attempts - 1)).toISOString(),
              now: at.toISOString(),
              error: JSON.stringify(failure),
            })
            return done(retried ? 'retry' : 'lost')
          }
        }
        return done((await finishFailed(job, token, handler, failure)) ? 'failed' : 'lost')
      }

      try {
        const apply = await handler.run(deps, ctx)
        await options.beforeApply?.(ctx.job)
        const applied = await deps.db.transaction().execute(async (trx) => {
          // Compare-and-set first: the job row is ours (and locked) before anything is written.
          const owned = await finishOwned(trx, job.id, token, {
            state: 'done',
            stage: 'done',
            progress: 100,
            now: deps.clock.now().toISOString(),
            error: null,
            result: null,
          })
          if (!owned) return false
          const result = await apply(trx)
          await trx
            .updateTable('jobs')
            .set({ result: JSON.stringify(result) })
            .where('id', '=', job.id)
            .execute()
          return true
        })
        return done(applied ? 'done' : 'lost')
      } catch (error) {
        return handleError(error)
      }
    },
  }
}

function toClaimed(job: JobsTable): ClaimedJob {
  let payload: unknown = {}
  try {
    payload = JSON.parse(job.payload)
  } catch {
    payload = {}
  }
  return { id: job.id, practiceId: job.practice_id, kind: job.kind, payload, attempts: job.attempts }
}

export interface JobWorkers {
  /** Stop looking for work and wait for the jobs in hand to finish. */
  stop(): Promise<void>
}

/**
 * Run `count` workers in this process, each claiming one job at a time and resting `pollMs`
 * when the queue is empty. Other processes may run workers on the same database.
 */
export function startJobWorkers(
  deps: Pick<Deps, 'logger'>,
  runner: JobRunner,
  count: number,
  options: { pollMs?: number } = {},
): JobWorkers {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS
  let stopped = false
  const sleepers = new Set<() => void>()
  const rest = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, pollMs)
      sleepers.add(wake)
    })
  const loop = async () => {
    while (!stopped) {
      let outcome: RunOutcome | null = null
      try {
        outcome = await runner.runOnce()
      } catch (error) {
        deps.logger.error({ err: { name: (error as Error)?.name } }, 'job worker error')
      }
      if (!outcome && !stopped) await rest()
    }
  }
  const loops = Array.from({ length: count }, () => loop())
  return {
    async stop() {
      stopped = true
      for (const wake of [...sleepers]) wake()
      await Promise.all(loops)
    },
  }
}
