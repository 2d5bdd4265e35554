/**
 * autocannon in its own process (bench/child.ts). Shared by bench/api.bench.ts and
 * scripts/dev/read-cost.ts.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { runNodeForJson } from './child.js'

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
  return runNodeForJson<AutocannonReport>([autocannonBin, '--json', ...args], 'autocannon')
}
