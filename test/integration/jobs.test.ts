import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobRunner, enqueueJob, type JobHandler } from '../../src/modules/jobs/index.js'
import { AppError } from '../../src/platform/errors.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { serverEnv, spawnTs } from '../support/server-process.js'

/** A job handler that counts its runs and its applied results. */
function counting(behaviour: { throwOnce?: Error } = {}) {
  const counts = { runs: 0, applied: 0, failed: 0 }
  let thrown = false
  const handler: JobHandler = {
    async run(_deps, ctx) {
      counts.runs++
      await ctx.progress('working', 40)
      if (behaviour.throwOnce && !thrown) {
        thrown = true
        throw behaviour.throwOnce
      }
      return async () => {
        counts.applied++
        return { ok: true }
      }
    },
    async fail() {
      counts.failed++
    },
  }
  return { handler, counts }
}

async function enqueue(t: TestApp, kind: string, n = 1): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < n; i++)
    ids.push(
      await t.deps.db
        .transaction()
        .execute((trx) =>
          enqueueJob(trx, { practiceId: t.practices.a, kind, payload: {}, now: t.clock.now() }),
        ),
    )
  return ids
}

const jobRow = (t: TestApp, id: string) =>
  t.deps.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe.each(DB_KINDS)('job runner on %s', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await startTestApp(kind)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('re-queues a job whose worker died (lease expired) and runs it to completion once', async () => {
    const { handler, counts } = counting()
    const [id] = await enqueue(t, 'k-restart')
    // A worker claimed the job and died: running, with a lease that has run out.
    await t.deps.db
      .updateTable('jobs')
      .set({
        state: 'running',
        locked_by: 'dead-worker:1',
        locked_until: new Date(t.clock.now().getTime() - 1000).toISOString(),
        attempts: 1,
      })
      .where('id', '=', id!)
      .execute()
    const runner = createJobRunner(t.deps, { handlers: { 'k-restart': handler }, workerId: 'fresh' })
    expect(await runner.runOnce()).toMatchObject({ jobId: id, outcome: 'done' })
    expect(await runner.runOnce()).toBeNull()
    expect(counts).toEqual({ runs: 1, applied: 1, failed: 0 })
    expect(await jobRow(t, id!)).toMatchObject({
      state: 'done',
      progress: 100,
      attempts: 2,
      locked_until: null,
    })
  })

  it('a worker that lost its lease throws its result away: the job is applied exactly once', async () => {
    const { handler, counts } = counting()
    const [id] = await enqueue(t, 'k-lease')
    const second = createJobRunner(t.deps, {
      handlers: { 'k-lease': handler },
      workerId: 'second',
      leaseMs: 1000,
    })
    let secondOutcome: unknown
    const first = createJobRunner(t.deps, {
      handlers: { 'k-lease': handler },
      workerId: 'first',
      leaseMs: 1000,
      // The first worker stalls past its lease; the second takes the job over and finishes it.
      beforeApply: async () => {
        t.clock.advance(5000)
        secondOutcome = await second.runOnce()
      },
    })
    expect(await first.runOnce()).toMatchObject({ jobId: id, outcome: 'lost' })
    expect(secondOutcome).toMatchObject({ jobId: id, outcome: 'done' })
    expect(counts).toEqual({ runs: 2, applied: 1, failed: 0 })
    expect(JSON.parse((await jobRow(t, id!)).result!)).toEqual({ ok: true })
  })

  it('retries an unexpected error later, and fails at once on an AppError (recorded through the handler)', async () => {
    const flaky = counting({ throwOnce: new Error('connection reset') })
    const final = counting({ throwOnce: new AppError('CONSENT_REQUIRED', 'Consent was revoked.') })
    const [flakyId] = await enqueue(t, 'k-flaky')
    const [finalId] = await enqueue(t, 'k-final')
    const runner = createJobRunner(t.deps, {
      handlers: { 'k-flaky': flaky.handler, 'k-final': final.handler },
    })
    const outcomes = [await runner.runOnce(), await runner.runOnce()]
    expect(outcomes.map((o) => o?.outcome).sort()).toEqual(['failed', 'retry'])
    expect(await jobRow(t, finalId!)).toMatchObject({ state: 'failed' })
    expect(JSON.parse((await jobRow(t, finalId!)).error!)).toEqual({
      code: 'CONSENT_REQUIRED',
      message: 'Consent was revoked.',
    })
    expect(final.counts.failed).toBe(1)
    expect(await jobRow(t, flakyId!)).toMatchObject({ state: 'queued', attempts: 1 })
    expect(await runner.runOnce()).toBeNull() // not before its back-off
    t.clock.advance(60_000)
    expect(await runner.runOnce()).toMatchObject({ jobId: flakyId, outcome: 'done' })
    expect(flaky.counts).toEqual({ runs: 2, applied: 1, failed: 0 })
    // The log line of the unexpected error names the job, never the error's message.
    expect(t.logs.join('\n')).not.toContain('connection reset')
  })
})

describe('two job-worker processes on one PostgreSQL database', () => {
  let t: TestApp
  let dir: string
  beforeAll(async () => {
    t = await startTestApp('postgres')
    dir = mkdtempSync(join(tmpdir(), 'sidenote-jobs-'))
  })
  afterAll(async () => {
    await t?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('never run a job twice: 30 jobs, each started once and finished once', async () => {
    const log = join(dir, 'runs.log')
    writeFileSync(log, '')
    const workers = await Promise.all(
      ['one', 'two'].map((name) =>
        spawnTs(
          'test/support/job-worker.ts',
          serverEnv(t, 'postgres', { TEST_WORKER_NAME: name, TEST_JOB_LOG: log }),
        ),
      ),
    )
    try {
      await Promise.all(workers.map((w) => w.waitFor(/worker ready/)))
      const ids = await enqueue(t, 'test-count', 30)
      const deadline = Date.now() + 60_000
      for (;;) {
        const left = await t.deps.db
          .selectFrom('jobs')
          .select('id')
          .where('kind', '=', 'test-count')
          .where('state', '!=', 'done')
          .execute()
        if (left.length === 0 || Date.now() > deadline) break
        await new Promise((r) => setTimeout(r, 100))
      }
      const rows = await t.deps.db.selectFrom('jobs').selectAll().where('kind', '=', 'test-count').execute()
      expect(rows.map((r) => r.state)).toEqual(Array(30).fill('done'))
      expect(rows.every((r) => r.attempts === 1)).toBe(true)
      const runs = readFileSync(log, 'utf8').trim().split('\n')
      const started = runs.map((line) => line.split(' ')[1]!)
      expect(started.sort()).toEqual([...ids].sort())
      // Both processes took part.
      const byWorker = new Set(rows.map((r) => (JSON.parse(r.result!) as { worker: string }).worker))
      expect(byWorker).toEqual(new Set(['one', 'two']))
      for (const r of rows)
        expect(runs).toContain(`${(JSON.parse(r.result!) as { worker: string }).worker} ${r.id}`)
    } finally {
      await Promise.all(workers.map((w) => w.kill('SIGTERM')))
    }
  }, 120_000)
})
