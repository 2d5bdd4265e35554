import { expect } from 'vitest'
import { AppError } from '../../platform/errors.js'
import type { InvalidReason } from './invalid.js'

/** Run `fn`, expect AppError TRANSCRIPT_INVALID with this reason (and line), and return it. */
export function expectInvalid(fn: () => unknown, reason: InvalidReason, line?: number): AppError {
  let caught: unknown
  try {
    fn()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(AppError)
  const error = caught as AppError
  expect(error.code).toBe('TRANSCRIPT_INVALID')
  expect(error.detail?.reason).toBe(reason)
  if (line !== undefined) expect(error.line).toBe(line)
  return error
}

/** Words of the input that must never show up in an error message (they stand in for PHI). */
export function expectNoLeak(error: AppError, ...secrets: string[]): void {
  for (const secret of secrets) expect(error.message).not.toContain(secret)
}
