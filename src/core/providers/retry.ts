import { AppError } from '../../platform/errors.js'

/** How hard to try one model request before giving up on it. */
export interface RetryPolicy {
  /** Extra tries after the first, for 429, 5xx, timeouts of one request and network errors. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({ retries: 2, baseDelayMs: 500, maxDelayMs: 20_000 })

/** What a failed provider call says about trying again. */
export interface ProviderFailureInfo {
  status: number | null
  retryable: boolean
  /** The server's Retry-After, in milliseconds. */
  retryAfterMs: number | null
}

/** A provider call that failed; the message is about the provider, never about the data. */
export function providerFailure(message: string, info: ProviderFailureInfo, cause?: unknown): AppError {
  return new AppError('PROVIDER_FAILED', message, { detail: { ...info }, cause })
}

/** A provider call (or the whole draft) that ran out of time. */
export function providerTimeout(message: string, retryable: boolean): AppError {
  return new AppError('PROVIDER_TIMEOUT', message, {
    detail: { status: null, retryable, retryAfterMs: null } satisfies ProviderFailureInfo,
  })
}

/** The retry facts of an error, or null when it is not a provider failure. */
export function providerFailureInfo(error: unknown): ProviderFailureInfo | null {
  if (!(error instanceof AppError)) return null
  if (error.code !== 'PROVIDER_FAILED' && error.code !== 'PROVIDER_TIMEOUT') return null
  const d = error.detail ?? {}
  return {
    status: typeof d.status === 'number' ? d.status : null,
    retryable: d.retryable === true,
    retryAfterMs: typeof d.retryAfterMs === 'number' ? d.retryAfterMs : null,
  }
}

/** A duration for a message: "0.3 s", "45 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** Is this HTTP status worth another try? Rate limits and server-side failures are. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}

/** Retry-After as seconds or as an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (value === null || value === undefined || value.trim() === '') return null
  const v = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime())
}

/**
 * Delay before retry number `retry` (1-based): exponential with jitter in [½, 1] of the step, or
 * the server's Retry-After when it gave one (a server that asks for more than `maxDelayMs` still
 * gets `maxDelayMs`; the overall deadline decides whether waiting is worth it).
 */
export function backoffDelay(
  retry: number,
  retryAfterMs: number | null,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== null) return Math.min(policy.maxDelayMs, retryAfterMs)
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1))
  return Math.round(step / 2 + (step / 2) * random())
}

/** Wait, unless cancelled first. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })

export interface RetryHooks {
  sleep: Sleep
  random?: () => number
  /** Milliseconds left before the overall deadline; a wait longer than that is not worth starting. */
  remainingMs: () => number
  onRetry?: (retry: number, delayMs: number, reason: string) => void
}

/**
 * Run `call` and retry it on retryable provider failures, with backoff and Retry-After, until the
 * policy or the deadline says stop. Anything else (a refusal, a cancellation, a 4xx) fails at once.
 */
export async function withRetries<T>(
  call: (tryNumber: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  hooks: RetryHooks,
): Promise<T> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await call(tryNumber)
    } catch (error) {
      const info = providerFailureInfo(error)
      if (!info?.retryable || signal.aborted || tryNumber > policy.retries) throw error
      const delay = backoffDelay(tryNumber, info.retryAfterMs, policy, hooks.random)
      if (delay >= hooks.remainingMs()) throw error
      hooks.onRetry?.(tryNumber, delay, info.status === null ? 'no answer' : `HTTP ${info.status}`)
      await hooks.sleep(delay, signal)
    }
  }
}
