import { AppError } from '../../platform/errors.js'

/** Machine-readable kinds of unusable input, so callers and tests need not match message text. */
export type InvalidReason =
  | 'empty'
  | 'too-large'
  | 'binary'
  | 'encoding'
  | 'json'
  | 'timestamp'
  | 'truncated-cue'
  | 'speaker-format'
  | 'no-speech'
  | 'roles'
  | 'options'

/**
 * The one way this module reports unusable input. The message names the line and the problem and
 * never quotes the transcript: transcript text is PHI and error messages travel to logs and screens.
 */
export function invalidTranscript(message: string, reason: InvalidReason, line?: number): AppError {
  return new AppError('TRANSCRIPT_INVALID', line === undefined ? message : `Line ${line}: ${message}`, {
    ...(line === undefined ? {} : { line }),
    detail: { reason },
  })
}
