/** An error response of the API (application/problem+json), or a network failure, as the app shows it. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly requestId: string | null
  readonly field: string | null
  readonly errors: { path: string; message: string }[]

  constructor(status: number, code: string, message: string, extra: Partial<ProblemBody> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.requestId = extra.requestId ?? null
    this.field = extra.field ?? null
    this.errors = extra.errors ?? []
  }
}

/** The body of an error response (RFC 9457 problem details, as src/http/problem.ts renders it). */
export interface ProblemBody {
  status: number
  code: string
  detail: string
  requestId: string
  field?: string
  errors?: { path: string; message: string }[]
}

// Plain-language headlines per code; the server's `detail` (PHI-free by contract) follows them.
const HEADLINES: Record<string, string> = {
  CONSENT_REQUIRED: 'Consent is needed first.',
  SIGN_BLOCKED: 'The note cannot be signed yet.',
  NOTE_SIGNED: 'This note is signed and can no longer change.',
  CONFLICT: 'Someone else changed this in the meantime.',
  FORBIDDEN: 'You do not have access to this.',
  NOT_FOUND: 'This could not be found.',
  TRANSCRIPT_INVALID: 'The transcript could not be read.',
  VALIDATION_FAILED: 'Some fields need attention.',
  PAYLOAD_TOO_LARGE: 'The file is too large.',
  RATE_LIMITED: 'Too many attempts.',
  EGRESS_REFUSED: 'The AI provider is not allowed for this record.',
  PROVIDER_FAILED: 'The AI provider did not answer properly.',
  PROVIDER_TIMEOUT: 'The AI provider took too long.',
  NETWORK: 'The server could not be reached.',
  INTERNAL: 'Something went wrong on the server.',
}

/** A sentence or two a clinician can act on, for any error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const headline = HEADLINES[error.code]
    const detail = error.message
    const fields = error.errors.length
      ? ` (${error.errors.map((e) => e.path.replace(/^(body|querystring|params)\/?/, '') || 'request').join(', ')})`
      : ''
    const parts = [headline, `${detail}${fields}`].filter((p): p is string => Boolean(p))
    const text = parts.filter((p, i) => i === 0 || p !== parts[0]).join(' ')
    return error.status >= 500 && error.requestId ? `${text} Request id: ${error.requestId}.` : text
  }
  return 'Something unexpected happened. Reload the page and try again.'
}
