import type { Command } from 'commander'
import type { Runtime } from '../../app/deps.js'
import { applyRetention } from '../../modules/retention/index.js'
import { EXIT } from '../io.js'
import { type Io, runCommand } from '../run.js'
import { openOperatorDeps } from './operator.js'

type RetentionDeps = Pick<Runtime, 'db' | 'dbKind' | 'clock' | 'close'>

/**
 * `sidenote retention apply`: delete the stored transcripts of signed notes where the practice's
 * policy says so (each deletion audited). Prints counts only. `open` is replaceable for tests.
 */
export function retentionApplyCommand(
  flags: { json?: boolean },
  io: Io,
  open: () => Promise<RetentionDeps> = async () => (await openOperatorDeps()).deps,
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
