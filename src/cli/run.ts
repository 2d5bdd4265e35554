import { isAppError } from '../platform/errors.js'
import { EXIT } from './io.js'

/** Output streams of a command, so tests can capture them. */
export interface Io {
  out: (text: string) => void
  err: (text: string) => void
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}

/**
 * Run a command body and turn its outcome into an exit code. Known errors print their public
 * message (never transcript text); anything else prints a generic message, never its details.
 */
export async function runCommand(io: Io, body: () => Promise<number> | number): Promise<number> {
  try {
    return await body()
  } catch (error) {
    if (isAppError(error)) {
      const where = error.line === undefined ? '' : ` (line ${error.line})`
      io.err(`sidenote: ${error.message}${where}\n`)
      return error.code === 'INTERNAL' ? EXIT.internal : EXIT.badInput
    }
    io.err('sidenote: internal error; nothing was written. Please report this with the command you ran.\n')
    if (process.env.SIDENOTE_DEBUG === '1')
      io.err(`${error instanceof Error ? error.stack : String(error)}\n`)
    return EXIT.internal
  }
}
