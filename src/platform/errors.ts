/**
 * One error currency from the domain to the wire. Every error a user can see has a code from this
 * closed union; the status map makes the compiler catch a code without an HTTP status.
 * `message` is the public message and must never carry PHI; `detail` is for logs and is also PHI-free.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  TRANSCRIPT_INVALID: 422,
  DRAFT_INVALID: 422,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  MFA_REQUIRED: 401,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 403,
  EGRESS_REFUSED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** The change would leave a practice without an active admin. */
  LAST_ADMIN: 409,
  NOTE_SIGNED: 409,
  SIGN_BLOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  PROVIDER_FAILED: 502,
  PROVIDER_TIMEOUT: 504,
  INTERNAL: 500,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof ERROR_STATUS

export interface AppErrorOptions {
  /** 1-based line in an input file the error refers to. */
  line?: number
  /** Field or flag the error refers to. */
  field?: string
  /** Machine-readable extra facts (never PHI). */
  detail?: Record<string, unknown>
  cause?: unknown
}

/** The application's only error type. Business outcomes that are not failures are values, not errors. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly line: number | undefined
  readonly field: string | undefined
  readonly detail: Record<string, unknown> | undefined

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.line = options.line
    this.field = options.field
    this.detail = options.detail
  }

  get status(): number {
    return ERROR_STATUS[this.code]
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError
}
