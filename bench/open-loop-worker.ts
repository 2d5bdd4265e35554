/**
 * The child process of bench/open-loop.ts: GET `url` on a fixed schedule (request i is due at
 * start + i / rate, whatever happened to earlier requests) over keep-alive sockets, and time each
 * response from the moment it was due, not from when it went out. A late server therefore shows
 * as latency, never as requests quietly not sent (coordinated omission). Requests in the first
 * `warmupSeconds` are sent but not counted. Prints one JSON `OpenLoopReport` on stdout.
 *
 *   node --import tsx bench/open-loop-worker.ts '{"url":…,"rate":1000,"seconds":10,…}'
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import type { OpenLoopOptions, OpenLoopReport } from './open-loop.js'

const options = JSON.parse(process.argv[2] ?? '{}') as Required<OpenLoopOptions>
const target = new URL(options.url)
const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets })
const interval = 1000 / options.rate
const warmup = Math.round(options.rate * options.warmupSeconds)
const total = warmup + Math.round(options.rate * options.seconds)

const latencies: number[] = []
const lags: number[] = []
let sent = 0
let finished = 0
let errors = 0
let non2xx = 0
let firstCounted = 0
let lastDone = 0
const start = performance.now() + 20

function send(index: number, due: number): void {
  const counted = index >= warmup
  if (counted) lags.push(performance.now() - due)
  const done = (ok: boolean, status?: number) => {
    const now = performance.now()
    if (counted) {
      if (!ok) errors++
      else if (status === undefined || status < 200 || status >= 300) non2xx++
      latencies.push(now - due)
      lastDone = Math.max(lastDone, now)
    }
    if (++finished === total) report()
  }
  const request = http.request(
    {
      agent,
      host: target.hostname,
      port: target.port,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers: options.headers,
    },
    (response) => {
      response.resume()
      response.on('end', () => done(true, response.statusCode))
      response.on('error', () => done(false))
    },
  )
  request.on('error', () => done(false))
  request.end()
}

function tick(): void {
  const now = performance.now()
  while (sent < total && start + sent * interval <= now) {
    if (sent === warmup) firstCounted = start + sent * interval
    send(sent, start + sent * interval)
    sent++
  }
  if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()))
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

function report(): void {
  const sorted = latencies.sort((a, b) => a - b)
  const lagSorted = lags.sort((a, b) => a - b)
  const round = (ms: number) => Math.round(ms * 10) / 10
  const result: OpenLoopReport = {
    requests: sorted.length,
    rps: sorted.length / ((lastDone - firstCounted) / 1000),
    latency: {
      p50: round(percentile(sorted, 0.5)),
      p90: round(percentile(sorted, 0.9)),
      p99: round(percentile(sorted, 0.99)),
      p999: round(percentile(sorted, 0.999)),
      max: round(sorted.at(-1) ?? Number.NaN),
    },
    sendLagP99: round(percentile(lagSorted, 0.99)),
    errors,
    non2xx,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
  agent.destroy()
}

setTimeout(tick, Math.max(0, start - performance.now()))
