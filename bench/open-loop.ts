/**
 * An open-loop, fixed-rate load generator for "p99 at N requests per second", in its own process
 * (bench/open-loop-worker.ts, started by bench/child.ts). Requests go out on a schedule (one
 * every 1/rate seconds) whether or not earlier ones have come back, and each latency runs from
 * when its request was due, so a stall of the server counts against every request it delayed.
 *
 * Why not autocannon's `--overallRate`: autocannon limits each connection to rate/connections
 * requests per one-second window, sent back to back as soon as the window opens, so "1,000 rps" is
 * a burst of 1,000 requests at the top of each second and an idle rest. It then weights each
 * latency for coordinated omission with an expected interval of ceil(1 / per-connection rate) = 1 ms
 * (the interval in seconds, rounded up to a millisecond), so an L ms response is recorded about L
 * times. Both inflate p99: GET /api/health, which does no work, measured a p99 of 30 ms that way on
 * the machine where it answers 8,000 rps. autocannon stays the tool for maximum throughput.
 */
import { fileURLToPath } from 'node:url'
import { runNodeForJson } from './child.js'

export interface OpenLoopOptions {
  url: string
  /** Requests per second, spread evenly. */
  rate: number
  /** Seconds measured, after the warm-up. */
  seconds: number
  /** Seconds sent first and not counted (default 1). */
  warmupSeconds?: number
  headers?: Record<string, string>
  /** Keep-alive sockets at most; requests beyond wait for one, and that wait is counted (default 64). */
  maxSockets?: number
}

/** Latencies in milliseconds from each request's due time to the end of its response. */
export interface OpenLoopReport {
  /** Responses counted (after the warm-up). */
  requests: number
  /** Counted responses per second of the measured span: below `rate` when the server fell behind. */
  rps: number
  latency: { p50: number; p90: number; p99: number; p999: number; max: number }
  /** p99 of how late the generator itself sent requests: large only when the generator is starved. */
  sendLagP99: number
  errors: number
  non2xx: number
}

const worker = fileURLToPath(new URL('./open-loop-worker.ts', import.meta.url))

export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopReport> {
  if (!(options.rate > 0) || !(options.seconds > 0))
    throw new Error('runOpenLoop: rate and seconds must be positive')
  const full: Required<OpenLoopOptions> = {
    warmupSeconds: 1,
    headers: {},
    maxSockets: 64,
    ...options,
  }
  return runNodeForJson<OpenLoopReport>(
    ['--import', 'tsx', worker, JSON.stringify(full)],
    'open-loop load generator',
  )
}
