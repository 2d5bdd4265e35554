/**
 * Test-only crash points inside the signing transaction. With SIDENOTE_TEST_SIGN_PAUSE set to
 * `<point>:<ms>` (e.g. `after-update:10000`) signing announces the point on stderr and waits there,
 * inside its open transaction, so a test can kill the process at exactly that moment and check the
 * note is either fully signed or fully draft. Unset (always, outside that test), it does nothing.
 */
export type SignPausePoint =
  | 'before-update'
  | 'after-update'
  | 'after-audit'
  | 'after-retention'
  | 'after-commit'

const spec = process.env.SIDENOTE_TEST_SIGN_PAUSE

export async function signPause(point: SignPausePoint): Promise<void> {
  if (!spec) return
  const [at, ms] = spec.split(':')
  if (at !== point) return
  process.stderr.write(`sidenote-test: sign paused at ${point}\n`)
  await new Promise((resolve) => setTimeout(resolve, Number(ms) || 10_000))
}
