import { z } from 'zod'
import { egressDecision, enforceEgress, recipientOf } from './egress.policy.js'
import type { OutgoingSize } from './engine.js'
import type { EgressAudit, ProviderConfig } from './provider.schema.js'
import { DEFAULT_RETRY, type RetryPolicy, realSleep, type Sleep, withRetries } from './retry.js'

/** One segment of a `verbose_json` transcription (whisper.cpp, faster-whisper, hosted services). */
export const TranscriptionSegment = z
  .object({
    start: z.number().nonnegative(),
    end: z.number().nonnegative(),
    text: z.string(),
    /** Some servers diarise (WhisperX-style); plain Whisper does not. */
    speaker: z.union([z.string(), z.number()]).optional(),
  })
  .passthrough()

/** A transcription answer: `verbose_json` with segments, or `json` with the text alone. */
export const TranscriptionResponse = z
  .object({
    text: z.string(),
    segments: z.array(TranscriptionSegment).optional(),
    duration: z.number().nonnegative().optional(),
    language: z.string().optional(),
  })
  .passthrough()
export type TranscriptionResponse = z.infer<typeof TranscriptionResponse>

/** A recording to transcribe. */
export interface AudioInput {
  bytes: Uint8Array
  fileName: string
  mimeType: string
}

/** The port to a speech-to-text service. */
export interface Transcriber {
  transcribe(
    audio: AudioInput,
    options: { signal: AbortSignal; beforeSend: (size: OutgoingSize) => Promise<void> },
  ): Promise<TranscriptionResponse>
}

/** Label for speech when the service does not say who spoke; roles are assigned afterwards. */
export const UNDIARISED_SPEAKER = 'Speaker 1'

/**
 * The transcription as the `stt-json` transcript format (`{"utterances":[{speaker,start,end,text}]}`),
 * so it enters the pipeline through `parseTranscript` like any imported file. Segments keep their
 * times; without segments the whole text is one untimed utterance.
 */
export function transcriptionToSttJson(response: TranscriptionResponse): string {
  const segments = response.segments ?? []
  const utterances =
    segments.length > 0
      ? segments
          .filter((s) => s.text.trim() !== '')
          .map((s) => ({
            speaker: s.speaker === undefined ? UNDIARISED_SPEAKER : String(s.speaker),
            start: s.start,
            end: s.end,
            text: s.text.trim(),
          }))
      : [{ speaker: UNDIARISED_SPEAKER, start: null, end: null, text: response.text.trim() }]
  return `${JSON.stringify({ utterances }, null, 1)}\n`
}

export interface TranscribeDeps {
  provider: ProviderConfig
  transcriber: Transcriber
  audit: EgressAudit
  /** Throws CONSENT_REQUIRED unless the client consented to AI transcription (and recording). */
  checkConsent: () => void | Promise<void>
  /** Deletes the recording; called once the transcription is back. */
  deleteAudio: () => void | Promise<void>
  now?: () => Date
  sleep?: Sleep
  retry?: RetryPolicy
}

export interface TranscribeOptions {
  part2?: boolean
  part2ConsentCoversProvider?: boolean
  signal?: AbortSignal
}

/** A finished transcription: the answer, its stt-json text for `parseTranscript`. */
export interface TranscriptionOutcome {
  response: TranscriptionResponse
  sttJson: string
}

/**
 * Transcribe a session recording: consent first, then the egress guard (a voice cannot be
 * de-identified, so a hosted service needs its BAA and Part 2 needs consent, as for text), an
 * audited upload with retries, and the recording deleted (audited) once the text is back. On a
 * failure the recording is kept, so the clinician can try again; its retention is the caller's.
 */
export async function transcribeRecording(
  deps: TranscribeDeps,
  audio: AudioInput,
  options: TranscribeOptions = {},
): Promise<TranscriptionOutcome> {
  const now = deps.now ?? (() => new Date())
  const signal = options.signal ?? new AbortController().signal
  signal.throwIfAborted()
  await deps.checkConsent()
  const part2 = options.part2 ?? false
  const recipient = recipientOf(deps.provider)
  const base = { type: 'ai.egress', category: 'audio', part2, recipient, characters: 0 } as const
  const decision = egressDecision(
    deps.provider,
    { containsPhi: true, part2, part2ConsentCoversProvider: options.part2ConsentCoversProvider ?? false },
    now(),
  )
  if (!decision.allowed) {
    await deps.audit({
      ...base,
      purpose: 'transcription',
      bytes: audio.bytes.byteLength,
      outcome: 'refused',
      reason: decision.reason,
      at: now().toISOString(),
    })
    enforceEgress(decision, deps.provider)
  }
  const response = await withRetries(
    () =>
      deps.transcriber.transcribe(audio, {
        signal,
        beforeSend: async ({ bytes }) =>
          deps.audit({ ...base, purpose: 'transcription', bytes, outcome: 'sent', at: now().toISOString() }),
      }),
    deps.retry ?? DEFAULT_RETRY,
    signal,
    { sleep: deps.sleep ?? realSleep, remainingMs: () => Number.POSITIVE_INFINITY },
  )
  await deps.deleteAudio()
  await deps.audit({
    ...base,
    purpose: 'audio-deleted',
    bytes: audio.bytes.byteLength,
    outcome: 'deleted',
    at: now().toISOString(),
  })
  return { response, sttJson: transcriptionToSttJson(response) }
}
