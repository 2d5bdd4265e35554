import type { Command } from 'commander'
import { z } from 'zod'
import { Draft } from '../../core/drafting/draft.schema.js'
import { verifyDraft } from '../../core/grounding/index.js'
import { applyScopeGuard, detectRisk } from '../../core/guard/index.js'
import { parseTranscript } from '../../core/transcript/index.js'
import { AppError } from '../../platform/errors.js'
import { EXIT, readInput } from '../io.js'
import { parseFlags, parseOptionsFrom, TranscriptFlags } from '../options.js'
import { renderDraft } from '../render.js'
import { type Io, runCommand } from '../run.js'

const VerifyFlags = TranscriptFlags.extend({
  json: z.boolean().default(false),
  member: z.string().optional(),
})

/** Read a draft JSON file against the contract; the error names the first field that is wrong. */
function readDraft(bytes: Buffer): Draft {
  let raw: unknown
  try {
    raw = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new AppError('DRAFT_INVALID', 'The draft is not valid JSON.')
  }
  const result = Draft.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new AppError(
      'DRAFT_INVALID',
      `The draft does not follow the contract at "${issue.path.join('.') || '(top)'}": ${issue.message}.`,
    )
  }
  return result.data
}

/**
 * `sidenote verify TRANSCRIPT DRAFT.json`: recompute status and support of every statement, run the
 * scope guard, and list omissions. Exit 0 when every statement is supported and no scope flag is
 * raised, 1 otherwise, 2 for unusable input.
 */
export function verifyCommand(
  transcriptFile: string,
  draftFile: string,
  rawFlags: unknown,
  io: Io,
): Promise<number> {
  return runCommand(io, () => {
    const flags = parseFlags(VerifyFlags, rawFlags)
    const transcript = parseTranscript(readInput(transcriptFile, 'transcript'), parseOptionsFrom(flags))
    const draft = readDraft(readInput(draftFile, 'draft'))
    const riskFlags = detectRisk(transcript.utterances, flags.member ? { focus: flags.member } : {})
    // Any draft — a model's, a clinician's edit — is checked for clinical determinations nobody stated.
    const scoped = applyScopeGuard(draft, { utterances: transcript.utterances }, 'flag').draft
    const verified = verifyDraft(scoped, transcript, {
      riskFlags,
      ...(flags.member ? { clientLabels: [flags.member] } : {}),
    })
    io.out(
      flags.json
        ? `${JSON.stringify(verified, null, 2)}\n`
        : renderDraft(verified, { title: 'Verification' }),
    )
    const unsupported = verified.sections.some((s) => s.statements.some((st) => st.status === 'unsupported'))
    const scope = verified.flags.some((f) => f.kind.startsWith('scope.'))
    return unsupported || scope ? EXIT.unsupported : EXIT.ok
  })
}

export function registerVerify(program: Command, io: Io): void {
  program
    .command('verify')
    .description('Check every statement of a draft against its evidence and the transcript; list omissions')
    .argument('<transcript>', 'the session transcript the draft is about')
    .argument('<draft>', 'draft JSON (the shape `sidenote draft --json` prints; statuses may be missing)')
    .option('--json', 'print the verified draft as JSON', false)
    .option('--roles <list>', 'speaker roles, e.g. "Dr. Rivera=clinician,Jordan=client"')
    .option('--minutes <n>', 'session length in minutes')
    .option('--input <format>', 'transcript format instead of detecting it')
    .option('--member <label>', 'group notes: the member the note is for')
    .action(async (transcript: string, draft: string, flags: Record<string, unknown>) => {
      process.exitCode = await verifyCommand(transcript, draft, flags, io)
    })
}
