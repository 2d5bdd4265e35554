import type { Command } from 'commander'
import { FORMATS } from '../../core/drafting/formats.js'
import { TRANSCRIPT_FORMATS } from '../../core/transcript/index.js'
import { EXIT } from '../io.js'
import { type Io, runCommand } from '../run.js'

/** `sidenote formats`: the transcript formats Sidenote reads and the note formats it drafts. */
export function formatsCommand(json: boolean, io: Io): Promise<number> {
  return runCommand(io, () => {
    const notes = Object.entries(FORMATS).map(([id, f]) => ({
      id,
      title: f.title,
      sections: f.sections.map((s) => s.title),
    }))
    if (json) {
      io.out(`${JSON.stringify({ transcripts: TRANSCRIPT_FORMATS, notes }, null, 2)}\n`)
      return EXIT.ok
    }
    const lines = ['Transcript formats (detected automatically; force one with --input):', '']
    for (const f of TRANSCRIPT_FORMATS) {
      lines.push(
        `  ${f.id.padEnd(15)} ${f.name}${f.timed ? '' : ' (untimed: length from the text or --minutes)'}`,
      )
      lines.push(`  ${''.padEnd(15)} ${f.recognisedBy}`)
    }
    lines.push('', 'Note formats (--format):', '')
    for (const n of notes) lines.push(`  ${n.id.padEnd(12)} ${n.title}: ${n.sections.join(' / ')}`)
    io.out(`${lines.join('\n')}\n`)
    return EXIT.ok
  })
}

export function registerFormats(program: Command, io: Io): void {
  program
    .command('formats')
    .description('List the transcript formats Sidenote reads and the note formats it drafts')
    .option('--json', 'print as JSON', false)
    .action(async (flags: { json: boolean }) => {
      process.exitCode = await formatsCommand(flags.json, io)
    })
}
