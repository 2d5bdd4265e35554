import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.js'
import {
  backoffDelay,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfter,
  providerFailure,
  providerFailureInfo,
  providerTimeout,
  withRetries,
} from './retry.js'

const NOW = new Date('2026-06-15T12:00:00Z')
const policy = { retries: 2, baseDelayMs: 100, maxDelayMs: 1000 }

function failing(status: number, retryAfterMs: number | null = null): AppError {
  return providerFailure(`HTTP ${status}`, { status, retryable: isRetryableStatus(status), retryAfterMs })
}

describe('retry policy', () => {
  it('retries rate limits, timeouts and server errors, not client errors', () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true)
    expect([400, 401, 403, 404, 422].some(isRetryableStatus)).toBe(false)
  })

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000)
    expect(parseRetryAfter('0.5', NOW)).toBe(500)
    expect(parseRetryAfter('Mon, 15 Jun 2026 12:00:07 GMT', NOW)).toBe(7000)
    expect(parseRetryAfter('Mon, 15 Jun 2026 11:00:00 GMT', NOW)).toBe(0)
    expect(parseRetryAfter(null, NOW)).toBeNull()
    expect(parseRetryAfter('soon', NOW)).toBeNull()
  })

  it('backs off exponentially with jitter, capped, and honours Retry-After up to the cap', () => {
    expect(backoffDelay(1, null, policy, () => 0)).toBe(50)
    expect(backoffDelay(1, null, policy, () => 1)).toBe(100)
    expect(backoffDelay(3, null, policy, () => 1)).toBe(400)
    expect(backoffDelay(10, null, policy, () => 1)).toBe(1000)
    expect(backoffDelay(1, 700, policy)).toBe(700)
    expect(backoffDelay(1, 60_000, policy)).toBe(1000)
  })

  it('reads the retry facts back from an error', () => {
    expect(providerFailureInfo(failing(429, 2000))).toEqual({
      status: 429,
      retryable: true,
      retryAfterMs: 2000,
    })
    expect(providerFailureInfo(providerTimeout('slow', true))).toEqual({
      status: null,
      retryable: true,
      retryAfterMs: null,
    })
    expect(providerFailureInfo(new AppError('EGRESS_REFUSED', 'no'))).toBeNull()
    expect(providerFailureInfo(new Error('x'))).toBeNull()
    expect(DEFAULT_RETRY.retries).toBe(2)
  })
})

describe('withRetries', () => {
  const signal = new AbortController().signal

  function hooks(slept: number[], remaining = Number.POSITIVE_INFINITY) {
    return {
      sleep: async (ms: number) => {
        slept.push(ms)
      },
      random: () => 1,
      remainingMs: () => remaining,
    }
  }

  it('retries a 429 after the Retry-After the server asked for, then succeeds', async () => {
    const slept: number[] = []
    let calls = 0
    const result = await withRetries(
      async () => {
        calls++
        if (calls === 1) throw failing(429, 300)
        return 'ok'
      },
      policy,
      signal,
      hooks(slept),
    )
    expect(result).toBe('ok')
    expect(slept).toEqual([300])
  })

  it("gives up on 500s after the policy's retries with growing delays", async () => {
    const slept: number[] = []
    let calls = 0
    await expect(
      withRetries(
        async () => {
          calls++
          throw failing(500)
        },
        policy,
        signal,
        hooks(slept),
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_FAILED' })
    expect(calls).toBe(3)
    expect(slept).toEqual([100, 200])
  })

  it('does not retry a client error or a refusal', async () => {
    for (const error of [failing(400), new AppError('EGRESS_REFUSED', 'no')]) {
      let calls = 0
      await expect(
        withRetries(
          async () => {
            calls++
            throw error
          },
          policy,
          signal,
          hooks([]),
        ),
      ).rejects.toBe(error)
      expect(calls).toBe(1)
    }
  })

  it('does not start a wait the overall deadline cannot afford', async () => {
    const slept: number[] = []
    let calls = 0
    await expect(
      withRetries(
        async () => {
          calls++
          throw failing(429, 5000)
        },
        { ...policy, maxDelayMs: 10_000 },
        signal,
        hooks(slept, 1000),
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_FAILED' })
    expect(calls).toBe(1)
    expect(slept).toEqual([])
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    let calls = 0
    await expect(
      withRetries(
        async () => {
          calls++
          controller.abort()
          throw failing(503)
        },
        policy,
        controller.signal,
        hooks([]),
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_FAILED' })
    expect(calls).toBe(1)
  })
})
