import { indexEvidence } from '../../core/grounding/index.js'
import { parseTranscript, type Transcript } from '../../core/transcript/index.js'
import type { FieldCipher } from '../../platform/crypto.js'
import type { EncountersTable } from '../../platform/db/schema.js'
import { AppError } from '../../platform/errors.js'
import type { ReviewEvidence } from './notes.review.js'
import { StoredParseOptions, type TranscriptView } from './notes.schema.js'

export const transcriptContext = (encounterId: string) => `encounters.transcript:${encounterId}`
export const optionsContext = (encounterId: string) => `encounters.options:${encounterId}`

// A re-read of a stored transcript is never refused for size: the limit applied at upload.
const NO_LIMIT = 512 * 1024 * 1024

/** What an encounter stores about its transcript, encrypted: the text (UTF-8, else base64) and the options. */
export function sealTranscript(
  vault: FieldCipher,
  encounterId: string,
  content: Uint8Array | string,
  options: Omit<StoredParseOptions, 'encoding'>,
): { transcript_enc: string; options_enc: string } {
  let text: string
  let encoding: StoredParseOptions['encoding'] = 'utf8'
  if (typeof content === 'string') text = content
  else {
    const buffer = Buffer.from(content)
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer)
    } catch {
      // Another encoding the parser understood (UTF-16 with a BOM, ...): kept byte for byte.
      text = buffer.toString('base64')
      encoding = 'base64'
    }
  }
  return {
    transcript_enc: vault.encrypt(text, transcriptContext(encounterId)),
    options_enc: vault.encrypt(JSON.stringify({ ...options, encoding }), optionsContext(encounterId)),
  }
}

/** The parse options stored with an encounter. */
export function openParseOptions(vault: FieldCipher, encounter: EncountersTable): StoredParseOptions {
  if (!encounter.options_enc) return { encoding: 'utf8' }
  return StoredParseOptions.parse(
    JSON.parse(vault.decrypt(encounter.options_enc, optionsContext(encounter.id))),
  )
}

/**
 * Parse an encounter's stored transcript again, exactly as at upload (same format, roles, minutes),
 * so utterance ids match the evidence the draft cites. Null once the transcript has been deleted.
 */
export function openTranscript(vault: FieldCipher, encounter: EncountersTable): Transcript | null {
  if (encounter.transcript_enc === null) return null
  const cached = parsed.get(encounter.id)
  // The same ciphertext and options parse to the same utterances: reuse them (parsing a long
  // session costs milliseconds on every note read and review change).
  if (
    cached &&
    cached.transcriptEnc === encounter.transcript_enc &&
    cached.optionsEnc === encounter.options_enc
  ) {
    parsed.delete(encounter.id)
    parsed.set(encounter.id, cached)
    return cached.transcript
  }
  // Frozen: one parsed transcript is shared by every request that opens it.
  const transcript = deepFreeze(parseStored(vault, encounter, encounter.transcript_enc))
  parsed.set(encounter.id, {
    transcriptEnc: encounter.transcript_enc,
    optionsEnc: encounter.options_enc,
    transcript,
  })
  while (parsed.size > PARSED_CACHE_SIZE) parsed.delete(parsed.keys().next().value as string)
  return transcript
}

/**
 * Parsed transcripts of recently opened encounters, in this process's memory only (as any
 * decrypted request data is), least recently used first; bounded, and checked against the stored
 * ciphertext so a deleted or replaced transcript is never served from here.
 */
const PARSED_CACHE_SIZE = 32
const parsed = new Map<string, { transcriptEnc: string; optionsEnc: string | null; transcript: Transcript }>()

/** Freezes a parsed value and everything in it, for a copy that every reader shares. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

function parseStored(vault: FieldCipher, encounter: EncountersTable, transcriptEnc: string): Transcript {
  const options = openParseOptions(vault, encounter)
  const text = vault.decrypt(transcriptEnc, transcriptContext(encounter.id))
  const content = options.encoding === 'base64' ? Buffer.from(text, 'base64') : text
  return parseTranscript(content, {
    maxBytes: NO_LIMIT,
    ...(encounter.transcript_format ? { format: encounter.transcript_format as never } : {}),
    ...(options.roles ? { roles: options.roles } : {}),
    ...(options.minutes !== undefined ? { minutes: options.minutes } : {}),
    ...(options.service ? { service: options.service } : {}),
  })
}

/** The evidence of a draft: its transcript, indexed on demand with the draft's clinician input. */
export function reviewEvidence(transcript: Transcript, member: string | undefined): ReviewEvidence {
  return {
    transcript,
    index: (draft) =>
      indexEvidence(transcript, {
        clinicianInput: draft.clinicianInput,
        riskFlags: draft.flags.filter((f) => f.kind.startsWith('risk.')),
        ...(member ? { clientLabels: [member] } : {}),
      }),
  }
}

/** The transcript as the review screen shows it beside the statements. */
export function transcriptView(encounter: EncountersTable, transcript: Transcript | null): TranscriptView {
  return {
    retained: transcript !== null,
    deletedAt: encounter.transcript_deleted_at,
    format: encounter.transcript_format,
    minutes: transcript?.minutes ?? encounter.minutes,
    speakers: (transcript?.speakers ?? []).map((s) => ({ label: s.label, role: s.role })),
    utterances: (transcript?.utterances ?? []).map((u) => ({
      id: u.id,
      speaker: u.speaker,
      role: u.role,
      start: u.start,
      end: u.end,
      text: u.text,
    })),
  }
}

/** A transcript that is gone cannot be re-verified against: review changes need it. */
export function requireTranscript(transcript: Transcript | null): Transcript {
  if (!transcript)
    throw new AppError(
      'CONFLICT',
      'The session transcript is no longer kept, so statements cannot be re-verified.',
    )
  return transcript
}
