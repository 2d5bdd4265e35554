import { z } from 'zod'

/** Who a speaker is in the session. `prescriber` is a clinician who also manages medication. */
export const Role = z.enum([
  'clinician',
  'prescriber',
  'client',
  'family',
  'group-member',
  'supervisor',
  'supervisee',
  'unknown',
])
export type Role = z.infer<typeof Role>

/** Roles that speak for the practice (their words are clinician input, not the client's report). */
export const CLINICIAN_SIDE: ReadonlySet<Role> = new Set<Role>(['clinician', 'prescriber', 'supervisor'])

export function isClinicianSide(role: Role): boolean {
  return CLINICIAN_SIDE.has(role)
}

export const TranscriptFormat = z.enum([
  'zoom-vtt',
  'teams-vtt',
  'srt',
  'txt',
  'txt-timestamps',
  'stt-json',
  'dictation',
])
export type TranscriptFormat = z.infer<typeof TranscriptFormat>

/** One turn of talk (consecutive cues of one speaker merged) or one dictated sentence. */
export const Utterance = z.object({
  /** Stable id within the transcript: u1, u2, ... in order. */
  id: z.string().regex(/^u\d+$/),
  /** The speaker label exactly as the file has it (normalised only for whitespace). */
  speaker: z.string(),
  role: Role,
  /** Seconds from the start of the recording, or null for untimed formats. */
  start: z.number().nonnegative().nullable(),
  end: z.number().nonnegative().nullable(),
  text: z.string(),
  /** 1-based line of the source file where this utterance begins. */
  line: z.number().int().positive(),
  /** Dictation only: the sentence as dictated, before spoken punctuation ("slash", "period") was applied. */
  verbatim: z.string().optional(),
})
export type Utterance = z.infer<typeof Utterance>

export const Speaker = z.object({
  label: z.string(),
  role: Role,
  /** How the role was decided: given by the user, or inferred (with the reason). */
  roleSource: z.enum(['given', 'inferred']),
  reason: z.string().optional(),
  utterances: z.number().int().nonnegative(),
  words: z.number().int().nonnegative(),
  /** Another label of the same person (rejoined from another device or under another name). */
  sameAs: z.string().optional(),
})
export type Speaker = z.infer<typeof Speaker>

export const Transcript = z.object({
  format: TranscriptFormat,
  utterances: z.array(Utterance),
  speakers: z.array(Speaker),
  /** Session length in whole minutes, or null when nothing states it. */
  minutes: z.number().int().nonnegative().nullable(),
  minutesSource: z.enum(['timestamps', 'stated', 'option']).nullable(),
  /** For stated minutes: the 1-based line that states the session length. */
  minutesLine: z.number().int().positive().optional(),
  /** Header lines and [bracketed] transcriber notes that are not talk. */
  notes: z.array(z.string()),
  warnings: z.array(z.string()),
})
export type Transcript = z.infer<typeof Transcript>
