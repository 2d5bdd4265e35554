import { Command } from 'commander'
import { registerAudit } from './commands/audit.js'
import { registerDeid } from './commands/deid.js'
import { registerDraft } from './commands/draft.js'
import { registerFormats } from './commands/formats.js'
import { registerKeys } from './commands/keys.js'
import { registerRetention } from './commands/retention.js'
import { registerTranscribe } from './commands/transcribe.js'
import { registerVerify } from './commands/verify.js'
import { EXIT } from './io.js'
import { type Io, processIo } from './run.js'

/** The `sidenote` command line: subcommands over the same services as the server. */
export function buildProgram(io: Io = processIo): Command {
  const program = new Command('sidenote')
    .description('Sidenote: drafts clinical documentation for the clinician to review and sign')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride()
  registerDraft(program, io)
  registerVerify(program, io)
  registerFormats(program, io)
  registerDeid(program, io)
  registerAudit(program, io)
  registerKeys(program, io)
  registerTranscribe(program, io)
  registerRetention(program, io)
  return program
}

/** Run the CLI with the given arguments; resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  process.exitCode = undefined
  const program = buildProgram(io)
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    const code = (error as { code?: string; exitCode?: number }).code
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
      return EXIT.ok
    return EXIT.badInput
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
