/**
 * autocannon in its own process, so the server under test (on this process's event loop) is
 * measured and not the load generator. Spawned asynchronously for the same reason. Shared by
 * bench/api.bench.ts and scripts/dev/read-cost.ts.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const autocannonBin = join(
  dirname(createRequire(import.meta.url).resolve('autocannon/package.json')),
  'autocannon.js',
)

/** The fields of autocannon's `--json` report that the benchmarks read. */
export interface AutocannonReport {
  requests: { average: number }
  latency: { p50: number; p99: number }
  errors: number
  non2xx: number
  '2xx': number
}

/**
 * Runs autocannon with `args` (`--json` is added) and returns its parsed report; throws with
 * autocannon's stderr if it exits non-zero.
 */
export async function runAutocannon(args: string[]): Promise<AutocannonReport> {
  const child = spawn(process.execPath, [autocannonBin, '--json', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`autocannon failed: ${stderr}`)
  return JSON.parse(stdout) as AutocannonReport
}
