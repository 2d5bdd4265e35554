/**
 * A job-worker process for the multi-process tests: opens the database the environment names
 * (as the server does), runs two workers of the real job runner over a `test-count` job kind that
 * logs every run it starts (one line per run, to TEST_JOB_LOG) and stores its worker's name as the
 * result. SIGTERM stops it cleanly.
 */
import { appendFileSync } from 'node:fs'
import { createDeps } from '../../src/app/deps.js'
import { createJobRunner, type JobHandlers, startJobWorkers } from '../../src/modules/jobs/index.js'
import { loadConfig } from '../../src/platform/config.js'

const name = process.env.TEST_WORKER_NAME ?? `worker-${process.pid}`
const log = process.env.TEST_JOB_LOG ?? ''

const handlers: JobHandlers = {
  'test-count': {
    async run(_deps, ctx) {
      appendFileSync(log, `${name} ${ctx.job.id}\n`)
      await ctx.progress('working', 50)
      await new Promise((r) => setTimeout(r, 5 + Math.floor(Math.random() * 20)))
      return async () => ({ worker: name })
    },
    async fail() {},
  },
}

const deps = await createDeps(loadConfig())
const workers = startJobWorkers(deps, createJobRunner(deps, { handlers, workerId: name }), 2, { pollMs: 20 })
process.stdout.write(`worker ready ${name}\n`)
process.on('SIGTERM', async () => {
  await workers.stop()
  await deps.close()
  process.exit(0)
})
