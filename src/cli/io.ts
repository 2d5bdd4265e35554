import { readFileSync, statSync } from 'node:fs'
import { AppError } from '../platform/errors.js'

/** Largest file the CLI reads (the transcript parser applies its own, equal or smaller, limit). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024

/** Read an input file (or "-" for standard input) as bytes, with clear errors and a size limit. */
export function readInput(path: string, what: string): Buffer {
  if (path === '-') return readFileSync(0)
  let size: number
  try {
    const stat = statSync(path)
    if (!stat.isFile()) throw new AppError('BAD_REQUEST', `The ${what} "${path}" is not a file.`)
    size = stat.size
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError('BAD_REQUEST', `Cannot read the ${what} "${path}": no such file or no permission.`, {
      cause: error,
    })
  }
  if (size > MAX_INPUT_BYTES)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `The ${what} "${path}" is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB.`,
    )
  return readFileSync(path)
}

/** Exit codes of the CLI, documented in the README. */
export const EXIT = {
  ok: 0,
  /** verify: at least one statement is unsupported. */
  unsupported: 1,
  /** Unusable input: unreadable file, bad format, invalid options. */
  badInput: 2,
  /** Something went wrong inside Sidenote. */
  internal: 3,
} as const
