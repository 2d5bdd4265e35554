import type { AudioInput, OutgoingSize, Transcriber } from '../../core/providers/index.js'
import {
  formatSeconds,
  isRetryableStatus,
  parseRetryAfter,
  providerFailure,
  providerTimeout,
  TranscriptionResponse,
} from '../../core/providers/index.js'
import { isAppError } from '../../platform/errors.js'
import { authHeaders, DEFAULT_REQUEST_TIMEOUT_MS, endpointUrl, type OpenAiClientOptions } from './chat.js'

/** Options of the transcription client: the chat client's, plus an optional language hint. */
export interface OpenAiTranscriberOptions extends Omit<OpenAiClientOptions, 'stream'> {
  /** ISO-639-1 language of the recording, when known (improves accuracy). */
  language?: string | undefined
}

/**
 * The `/v1/audio/transcriptions` client (whisper.cpp server, faster-whisper-server, hosted
 * services): a multipart upload asking for `verbose_json`, so segments keep their times.
 */
export function createOpenAiTranscriber(options: OpenAiTranscriberOptions): Transcriber {
  const doFetch = options.fetch ?? fetch
  const now = options.now ?? (() => new Date())
  const url = endpointUrl(options.baseUrl, 'audio/transcriptions')
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS

  async function transcribe(
    audio: AudioInput,
    call: { signal: AbortSignal; beforeSend: (size: OutgoingSize) => Promise<void> },
  ): Promise<TranscriptionResponse> {
    const form = new FormData()
    form.append('file', new Blob([audio.bytes], { type: audio.mimeType }), audio.fileName)
    form.append('model', options.model)
    form.append('response_format', 'verbose_json')
    form.append('timestamp_granularities[]', 'segment')
    if (options.language) form.append('language', options.language)
    await call.beforeSend({ characters: 0, bytes: audio.bytes.byteLength })
    const perRequest = AbortSignal.timeout(timeoutMs)
    let response: Response
    let json: unknown
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { accept: 'application/json', ...authHeaders(options) },
        body: form,
        signal: AbortSignal.any([call.signal, perRequest]),
      })
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw providerFailure(`the transcription service failed (HTTP ${response.status})`, {
          status: response.status,
          retryable: isRetryableStatus(response.status),
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
        })
      }
      const text = await response.text()
      try {
        json = JSON.parse(text)
      } catch {
        // `response_format` ignored and plain text returned: the words without times.
        json = { text }
      }
    } catch (error) {
      if (call.signal.aborted) throw call.signal.reason
      if (perRequest.aborted)
        throw providerTimeout(
          `the transcription service did not answer within ${formatSeconds(timeoutMs)}`,
          true,
        )
      if (isAppError(error)) throw error
      throw providerFailure(
        'the transcription service could not be reached',
        { status: null, retryable: true, retryAfterMs: null },
        error,
      )
    }
    const parsed = TranscriptionResponse.safeParse(json)
    if (!parsed.success)
      throw providerFailure("the transcription service's answer is not a transcription", {
        status: response.status,
        retryable: false,
        retryAfterMs: null,
      })
    return parsed.data
  }

  return Object.freeze({ transcribe })
}
