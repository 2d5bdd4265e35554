import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import type { Command } from 'commander'
import { z } from 'zod'
import { createOpenAiTranscriberFor } from '../../adapters/openai/index.js'
import { transcribeRecording } from '../../core/providers/index.js'
import { AppError } from '../../platform/errors.js'
import { EXIT } from '../io.js'
import { parseFlags } from '../options.js'
import { type Io, runCommand } from '../run.js'
import { apiKeyFrom, auditLine, checkProviderFlags, ProviderFlags, providerFromFlags } from './draft.js'

/** Largest recording the CLI uploads (a long session as WAV). */
export const MAX_AUDIO_BYTES = 512 * 1024 * 1024

const MIME: Readonly<Record<string, string>> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.webm': 'audio/webm',
  '.flac': 'audio/flac',
}

export const TranscribeFlags = ProviderFlags.extend({
  consent: z.boolean().default(false),
  keepAudio: z.boolean().default(false),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, 'expected a two-letter language code such as en')
    .optional(),
  out: z.string().min(1).optional(),
}).superRefine((f, ctx) => checkProviderFlags(f, ctx, 'to transcribe'))

function readAudio(path: string): Buffer {
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new AppError('BAD_REQUEST', `The recording "${path}" is not a file.`)
    size = stat.size
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('BAD_REQUEST', `Cannot read the recording "${path}": no such file or no permission.`)
  }
  if (size > MAX_AUDIO_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The recording "${path}" is larger than ${MAX_AUDIO_BYTES / 1024 / 1024} MB.`,
    )
  return readFileSync(path)
}

/**
 * `sidenote transcribe AUDIO`: transcribe a session recording through an OpenAI-compatible
 * `/v1/audio/transcriptions` endpoint and print it as stt-json (input for `sidenote draft`). The
 * recording is deleted once the transcription is back, unless --keep-audio.
 */
export function transcribeCommand(file: string, rawFlags: unknown, io: Io): Promise<number> {
  return runCommand(io, async () => {
    const flags = parseFlags(TranscribeFlags, rawFlags)
    const bytes = readAudio(file)
    const provider = providerFromFlags(flags, new Date())
    const transcriber = createOpenAiTranscriberFor(provider, {
      apiKey: apiKeyFrom(flags),
      ...(flags.language ? { language: flags.language } : {}),
      ...(flags.timeout ? { requestTimeoutMs: flags.timeout * 1000 } : {}),
    })
    const outcome = await transcribeRecording(
      {
        provider,
        transcriber,
        audit: (e) => {
          if (flags.verbose) io.err(auditLine(e))
        },
        checkConsent: () => {
          if (!flags.consent)
            throw new AppError(
              'CONSENT_REQUIRED',
              "Transcribing a session needs the client's consent to recording and AI transcription; pass --consent once it is on file.",
            )
        },
        deleteAudio: () => {
          if (flags.keepAudio) return
          unlinkSync(file)
          io.err(`sidenote: deleted the recording ${basename(file)}\n`)
        },
      },
      {
        bytes,
        fileName: basename(file),
        mimeType: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
      },
      { part2: flags.part2, part2ConsentCoversProvider: flags.part2Consent },
    )
    if (flags.out) writeFileSync(flags.out, outcome.sttJson, { mode: 0o600 })
    else io.out(outcome.sttJson)
    return EXIT.ok
  })
}

export function registerTranscribe(program: Command, io: Io): void {
  program
    .command('transcribe')
    .description(
      'Transcribe a session recording with a speech-to-text server; prints stt-json for `sidenote draft`',
    )
    .argument(
      '<audio>',
      'recording (wav, mp3, m4a, ogg, webm, flac); deleted after transcription unless --keep-audio',
    )
    .option('--base-url <url>', 'the API root, e.g. http://127.0.0.1:8080/v1 for a whisper.cpp server')
    .option('--model <name>', 'the model name, e.g. whisper-1 or large-v3')
    .option('--api-key-env <var>', 'environment variable that holds the API key')
    .option('--locality <where>', 'hosted or practice-network (default: from the address)')
    .option('--baa-reference <ref>', 'hosted service: reference of the signed Business Associate Agreement')
    .option('--baa-signed <date>', 'hosted service: date the BAA took effect (default today)')
    .option('--baa-expires <date>', 'hosted service: date the BAA ends')
    .option('--consent', "the client's consent to recording and AI transcription is on file", false)
    .option('--part2', 'the session is a 42 CFR Part 2 record', false)
    .option('--part2-consent', "the client's Part 2 consent covers this service", false)
    .option('--language <code>', 'language of the recording, e.g. en')
    .option('--keep-audio', 'do not delete the recording afterwards', false)
    .option('--out <file>', 'write the transcript here instead of standard output')
    .option('--timeout <seconds>', 'give up on one upload after this long (default 180)')
    .option('--verbose', 'print the egress audit events on stderr', false)
    .action(async (file: string, flags: Record<string, unknown>) => {
      process.exitCode = await transcribeCommand(file, flags, io)
    })
}
