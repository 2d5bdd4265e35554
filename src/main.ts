import { createDeps } from './app/deps.js'
import { jobHandlers } from './app/jobs.js'
import { MODULE_ROUTES } from './app/modules.js'
import { seedDemo } from './app/seed.js'
import { buildApp } from './http/app.js'
import { createJobRunner, type JobWorkers, startJobWorkers } from './modules/jobs/index.js'
import { ConfigError, loadConfig } from './platform/config.js'

/** Composition root: configuration → dependencies → app → listen. */
async function start(): Promise<void> {
  const config = loadConfig()
  const deps = await createDeps(config)
  if (config.demo) {
    const logins = await seedDemo(deps)
    if (logins) {
      // Printed once, on the first start of an empty database; store them somewhere safe.
      const lines = logins.map((l) => `  ${l.roles.join('+').padEnd(20)} ${l.email.padEnd(32)} ${l.password}`)
      process.stdout.write(
        `\nSidenote demo practice created. Demo logins (shown only now):\n${lines.join('\n')}\n` +
          'Clinical roles set up multi-factor authentication at first sign-in.\n\n',
      )
    }
  }
  const app = await buildApp(deps, MODULE_ROUTES)
  let workers: JobWorkers | null = null
  const shutdown = async () => {
    await app.close()
    // Jobs in hand finish (or, if the process dies first, their leases expire and another worker re-runs them).
    await workers?.stop()
    await deps.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  await app.listen({ port: config.port, host: config.host })
  if (config.jobWorkers > 0)
    workers = startJobWorkers(deps, createJobRunner(deps, { handlers: jobHandlers() }), config.jobWorkers)
  process.stdout.write(
    `Sidenote is running at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}\n`,
  )
}

start().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`)
  else
    process.stderr.write(
      `Sidenote could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    )
  process.exit(1)
})
