import type { Command } from 'commander'
import { draftNote } from '../../core/pipeline/index.js'
import { parseTranscript } from '../../core/transcript/index.js'
import { EXIT, readInput } from '../io.js'
import { DraftFlags, parseFlags, parseOptionsFrom } from '../options.js'
import { renderDraft } from '../render.js'
import { type Io, runCommand } from '../run.js'

/** `sidenote draft FILE`: draft a note from a transcript with the embedded engine. */
export function draftCommand(file: string, rawFlags: unknown, io: Io): Promise<number> {
  return runCommand(io, () => {
    const flags = parseFlags(DraftFlags, rawFlags)
    const transcript = parseTranscript(readInput(file, 'transcript'), {
      ...parseOptionsFrom(flags),
      ...(flags.service ? { service: flags.service } : {}),
    })
    const draft = draftNote(transcript, {
      format: flags.format,
      ...(flags.member ? { member: flags.member } : {}),
      ...(flags.service ? { service: flags.service } : {}),
      ...(flags.maxWords ? { maxWords: flags.maxWords } : {}),
    })
    io.out(flags.json ? `${JSON.stringify(draft, null, 2)}\n` : renderDraft(draft))
    return EXIT.ok
  })
}

export function registerDraft(program: Command, io: Io): void {
  program
    .command('draft')
    .description('Draft a note from a session transcript (or dictation) for the clinician to review')
    .argument('<file>', 'transcript file, or - for standard input')
    .option(
      '-f, --format <format>',
      'note format: soap, dap, birp, girp, pie, intake, family, group, supervision',
      'soap',
    )
    .option('--json', 'print the draft as JSON (the contract in the README)', false)
    .option('--roles <list>', 'speaker roles, e.g. "Dr. Rivera=clinician,Jordan=client"')
    .option('--minutes <n>', 'session length in minutes (overrides timestamps and stated length)')
    .option('--input <format>', 'transcript format instead of detecting it (see `sidenote formats`)')
    .option('--member <label>', 'group notes: the speaker label of the member the note is for')
    .option('--service <service>', 'service type when format and roles do not settle it (e.g. crisis)')
    .option('--max-words <n>', 'upper bound on the note length in words')
    .action(async (file: string, flags: Record<string, unknown>) => {
      process.exitCode = await draftCommand(file, flags, io)
    })
}
