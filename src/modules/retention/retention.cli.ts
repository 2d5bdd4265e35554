import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { createDeps, type Runtime } from '../../app/deps.js'
import { EXIT } from '../../cli/io.js'
import { type Io, runCommand } from '../../cli/run.js'
import { ConfigError, loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { createLogger } from '../../platform/logger.js'
import { applyRetention } from './retention.service.js'

/** Open the installation's database as `npm start` does; an absent SQLite file is not created empty. */
async function openDeps(): Promise<Runtime> {
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) throw new AppError('BAD_REQUEST', error.message)
    throw error
  }
  if (!config.databaseUrl && !existsSync(config.sqlitePath))
    throw new AppError(
      'BAD_REQUEST',
      `No Sidenote database at ${config.sqlitePath}. Set SIDENOTE_DATA_DIR (or DATABASE_URL) as for npm start.`,
    )
  // Logs go to stderr so that --json output on stdout stays parseable.
  return createDeps(config, { logger: createLogger('warn', process.stderr) })
}

/**
 * `sidenote retention apply`: delete the stored transcripts of signed notes where the practice's
 * policy says so (audited). Prints counts only. `open` is replaceable for tests.
 */
export function retentionApplyCommand(
  flags: { json?: boolean },
  io: Io,
  open: () => Promise<Pick<Runtime, 'db' | 'dbKind' | 'clock' | 'close'>> = openDeps,
): Promise<number> {
  return runCommand(io, async () => {
    const deps = await open()
    try {
      const result = await applyRetention(deps, deps.clock.now())
      if (flags.json) io.out(`${JSON.stringify(result, null, 2)}\n`)
      else
        io.out(
          result.deleted === 0
            ? 'No transcripts to delete: every signed note’s transcript is already gone or kept by policy.\n'
            : `Deleted ${result.deleted} transcript${result.deleted === 1 ? '' : 's'} of signed notes in ${result.practices.length} practice${result.practices.length === 1 ? '' : 's'} (each recorded in the audit log).\n`,
        )
      return EXIT.ok
    } finally {
      await deps.close()
    }
  })
}

/** Registers `sidenote retention apply`. */
export function registerRetention(program: Command, io: Io): void {
  program
    .command('retention')
    .description('Apply the practice’s retention policy to stored session transcripts')
    .command('apply')
    .description('Delete the transcripts of signed notes where the practice does not keep them (audited)')
    .option('--json', 'print the result as JSON', false)
    .action(async (flags: { json: boolean }) => {
      process.exitCode = await retentionApplyCommand(flags, io)
    })
}
