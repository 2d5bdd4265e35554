import type { Command } from 'commander'
import { deidentify } from '../../core/deid/index.js'
import { EXIT, readInput } from '../io.js'
import { type Io, runCommand } from '../run.js'

/** `sidenote deid FILE`: replace identifiers with placeholders; --json prints the spans too. */
export function deidCommand(file: string, json: boolean, io: Io): Promise<number> {
  return runCommand(io, () => {
    const text = readInput(file, 'file').toString('utf8')
    const result = deidentify(text)
    io.out(
      json ? `${JSON.stringify({ text: result.text, spans: result.spans }, null, 2)}\n` : `${result.text}\n`,
    )
    return EXIT.ok
  })
}

export function registerDeid(program: Command, io: Io): void {
  program
    .command('deid')
    .description('De-identify a text: identifiers become placeholders such as [NAME_1]')
    .argument('<file>', 'text file, or - for standard input')
    .option('--json', 'print {"text", "spans": [{start, end, type, text}]}', false)
    .action(async (file: string, flags: { json: boolean }) => {
      process.exitCode = await deidCommand(file, flags.json, io)
    })
}
