import type { Command } from 'commander'
import { z } from 'zod'
import { createOpenAiEngine } from '../../adapters/openai/index.js'
import type { Draft } from '../../core/drafting/draft.schema.js'
import { draftNote } from '../../core/pipeline/index.js'
import {
  type DraftProgress,
  draftNoteWithEngine,
  type EgressAuditEvent,
  guessLocality,
  Provenance,
  ProviderConfig,
} from '../../core/providers/index.js'
import { parseTranscript, type Transcript } from '../../core/transcript/index.js'
import { AppError } from '../../platform/errors.js'
import { EXIT, readInput } from '../io.js'
import { DraftFlags, parseFlags, parseOptionsFrom } from '../options.js'
import { renderDraft } from '../render.js'
import { type Io, runCommand } from '../run.js'

const DateFlag = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'expected a date such as 2027-03-31',
})

/** Flags that describe an OpenAI-compatible provider and what may be sent to it (draft, transcribe). */
export const ProviderFlags = z.object({
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL such as http://127.0.0.1:11434/v1' })
    .optional(),
  model: z.string().trim().min(1).optional(),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected the name of an environment variable')
    .optional(),
  locality: z.enum(['hosted', 'practice-network']).optional(),
  baaReference: z.string().trim().min(1).optional(),
  baaSigned: DateFlag.optional(),
  baaExpires: DateFlag.optional(),
  part2: z.boolean().default(false),
  part2Consent: z.boolean().default(false),
  timeout: z.coerce.number().int().min(5).max(3600).optional(),
  verbose: z.boolean().default(false),
})
export type ProviderFlags = z.infer<typeof ProviderFlags>

/** The provider flags' cross-checks; `needed` says whether a provider must be described at all. */
export function checkProviderFlags(f: ProviderFlags, ctx: z.RefinementCtx, needed: string | null): void {
  if (needed !== null) {
    if (!f.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: `required ${needed}` })
    if (!f.model) ctx.addIssue({ code: 'custom', path: ['model'], message: `required ${needed}` })
  }
  if ((f.baaSigned || f.baaExpires) && !f.baaReference)
    ctx.addIssue({
      code: 'custom',
      path: ['baaReference'],
      message: 'required with --baa-signed or --baa-expires',
    })
}

/** `sidenote draft` flags: the shared draft flags plus the engine choice and its provider. */
export const DraftCommandFlags = DraftFlags.extend({
  engine: z.enum(['embedded', 'openai']).default('embedded'),
  ...ProviderFlags.shape,
}).superRefine((f, ctx) => checkProviderFlags(f, ctx, f.engine === 'openai' ? 'with --engine openai' : null))
export type DraftCommandFlags = z.infer<typeof DraftCommandFlags>

/** The provider the flags describe; a URL that is not evidently the practice's own counts as hosted. */
export function providerFromFlags(flags: ProviderFlags, today: Date): ProviderConfig {
  const baseUrl = flags.baseUrl!
  const locality = flags.locality ?? guessLocality(baseUrl)
  const parsed = ProviderConfig.safeParse({
    id: 'cli',
    name: `${flags.model} at ${new URL(baseUrl).host}`,
    kind: 'openai-compatible',
    baseUrl,
    model: flags.model,
    locality,
    ...(flags.apiKeyEnv ? { apiKeyRef: flags.apiKeyEnv } : {}),
    ...(flags.baaReference
      ? {
          baa: {
            reference: flags.baaReference,
            // Naming a BAA reference on the command line asserts it is signed; from when, if not said, is today.
            signedAt: flags.baaSigned ?? today.toISOString().slice(0, 10),
            ...(flags.baaExpires ? { expiresAt: flags.baaExpires } : {}),
          },
        }
      : {}),
  })
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      `Invalid provider: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
    )
  return parsed.data
}

/** The API key from the named environment variable; the key itself never appears in flags or output. */
export function apiKeyFrom(flags: ProviderFlags): string | undefined {
  if (!flags.apiKeyEnv) return undefined
  const key = process.env[flags.apiKeyEnv]
  if (!key)
    throw new AppError(
      'VALIDATION_FAILED',
      `--api-key-env: the environment variable ${flags.apiKeyEnv} is not set`,
    )
  return key
}

/** An audit event as one stderr line (verbose mode): category, recipient, size, outcome; never text. */
export function auditLine(e: EgressAuditEvent): string {
  const size =
    e.bytes === undefined ? `${e.characters} characters` : `${e.characters} characters, ${e.bytes} bytes`
  const to = `${e.recipient.name} (${e.recipient.host ?? 'no host'}, ${e.recipient.locality})`
  return `sidenote: audit ${e.purpose} ${e.outcome}: ${e.category}${e.part2 ? ' (Part 2)' : ''} to ${to}, ${size}${e.reason ? `: ${e.reason}` : ''}\n`
}

function progressLine(p: DraftProgress): string | null {
  switch (p.stage) {
    case 'deidentified':
      return `sidenote: ${p.utterances} utterances ready to send (${p.characters} characters)\n`
    case 'requesting':
      return `sidenote: asking the model (attempt ${p.attempt})\n`
    case 'retrying':
      return `sidenote: ${p.reason}; trying again in ${(p.delayMs / 1000).toFixed(1)} s\n`
    case 'checking':
      return `sidenote: checking the answer (attempt ${p.attempt})\n`
    case 'fallback':
      return `sidenote: falling back to the embedded engine: ${p.reason}\n`
    case 'receiving':
      return null
  }
}

/** Provenance under the readable note: who drafted, with what prompt, and what left the machine. */
export function renderProvenance(draft: Draft): string {
  const parsed = Provenance.safeParse(draft.engine.provenance)
  if (!parsed.success) return ''
  const p = parsed.data
  const tokens = `${p.tokens.prompt ?? '?'} prompt / ${p.tokens.completion ?? '?'} completion tokens`
  const lines = [
    '## Provenance',
    `  ${p.fallback ? 'Tried' : 'Drafted by'} model "${p.model}" of ${p.providerName ?? p.provider} (${p.locality}); text ${p.deidentified ? 'de-identified before sending' : 'sent identified'}`,
    `  Prompt ${p.promptVersion} (sha256 ${p.promptSha256.slice(0, 12)}…), ${p.attempts} attempt${p.attempts === 1 ? '' : 's'}, ${tokens}`,
    `  ${p.startedAt} → ${p.finishedAt}`,
  ]
  if (p.fallback) lines.push(`  Fell back to the embedded engine: ${p.fallback}`)
  return `\n${lines.join('\n')}\n`
}

async function draftWithModel(transcript: Transcript, flags: DraftCommandFlags, io: Io): Promise<Draft> {
  const provider = providerFromFlags(flags, new Date())
  const engine = createOpenAiEngine({
    provider,
    apiKey: apiKeyFrom(flags),
    // The CLI has no audit log: verbose mode shows each event on stderr, otherwise nothing.
    audit: (e) => {
      if (flags.verbose) io.err(auditLine(e))
    },
    ...(flags.timeout ? { timeoutMs: flags.timeout * 1000 } : {}),
  })
  return draftNoteWithEngine(
    transcript,
    {
      format: flags.format,
      ...(flags.member ? { member: flags.member } : {}),
      ...(flags.service ? { service: flags.service } : {}),
      ...(flags.maxWords ? { maxWords: flags.maxWords } : {}),
      part2: flags.part2,
      part2ConsentCoversProvider: flags.part2Consent,
    },
    engine,
    {
      onProgress: (p) => {
        const line = flags.verbose ? progressLine(p) : null
        if (line) io.err(line)
      },
    },
  )
}

/** `sidenote draft FILE`: draft a note from a transcript with the embedded engine or a language model. */
export function draftCommand(file: string, rawFlags: unknown, io: Io): Promise<number> {
  return runCommand(io, async () => {
    const flags = parseFlags(DraftCommandFlags, rawFlags)
    const transcript = parseTranscript(readInput(file, 'transcript'), {
      ...parseOptionsFrom(flags),
      ...(flags.service ? { service: flags.service } : {}),
    })
    const draft =
      flags.engine === 'openai'
        ? await draftWithModel(transcript, flags, io)
        : draftNote(transcript, {
            format: flags.format,
            ...(flags.member ? { member: flags.member } : {}),
            ...(flags.service ? { service: flags.service } : {}),
            ...(flags.maxWords ? { maxWords: flags.maxWords } : {}),
          })
    io.out(flags.json ? `${JSON.stringify(draft, null, 2)}\n` : renderDraft(draft) + renderProvenance(draft))
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
    .option(
      '--engine <engine>',
      'drafting engine: embedded (default) or openai (an OpenAI-compatible server)',
    )
    .option('--base-url <url>', 'openai engine: the API root, e.g. http://127.0.0.1:11434/v1 for Ollama')
    .option('--model <name>', 'openai engine: the model name, e.g. llama3.1:8b')
    .option('--api-key-env <var>', 'openai engine: environment variable that holds the API key')
    .option(
      '--locality <where>',
      'openai engine: hosted or practice-network (default: practice-network for loopback and private addresses, else hosted)',
    )
    .option('--baa-reference <ref>', 'hosted provider: reference of the signed Business Associate Agreement')
    .option('--baa-signed <date>', 'hosted provider: date the BAA took effect (default today)')
    .option('--baa-expires <date>', 'hosted provider: date the BAA ends')
    .option('--part2', 'the session is a 42 CFR Part 2 record', false)
    .option('--part2-consent', "the client's Part 2 consent covers this provider", false)
    .option('--timeout <seconds>', 'openai engine: give up on the model after this long (default 300)')
    .option('--verbose', 'print progress and the egress audit events on stderr', false)
    .action(async (file: string, flags: Record<string, unknown>) => {
      process.exitCode = await draftCommand(file, flags, io)
    })
}
