/**
 * Note read and list under load, on SQLite and PostgreSQL: a real server on loopback with 100 notes
 * drafted and signed through the API, a signed-in clinician, and the load generator in a separate
 * process so the server is measured and not the generator. First the maximum throughput of
 * /api/health (the floor), a note read and the note list, with autocannon (20 connections, closed
 * loop); then /api/health and a note read at a fixed rate (1,000 requests per second by default)
 * sent on an open-loop schedule (bench/open-loop.ts, which says why not autocannon's
 * --overallRate). The target is p99 ≤ 25 ms at 1,000 rps for a note read. Every read is audited,
 * so each one is also a hash-chained write: that is what is being measured.
 *
 *   npm run bench                       (all benchmarks)
 *   node --import tsx bench/api.bench.ts [--rate 1000] [--seconds 10] [--kinds sqlite,sqlite-full,postgres] [--compare-autocannon]
 */
import type { AddressInfo } from 'node:net'
import type { DbKind } from '../src/platform/db/index.js'
import { nullLogDestination, ROLES, startTestApp, type TestApp } from '../test/support/app.js'
import { readyToSign } from '../test/support/notes.js'
import { seedClient } from '../test/support/seed-records.js'
import { runAutocannon } from './autocannon.js'
import { type OpenLoopReport, runOpenLoop } from './open-loop.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const RATE = Number(option('rate', '1000'))
const SECONDS = Number(option('seconds', '10'))
/** sqlite (synchronous=NORMAL, the default), sqlite-full (an fsync per commit), postgres. */
const KINDS = option('kinds', 'sqlite,sqlite-full,postgres').split(',')
const NOTES = 100
/** Also run the read at the target rate under autocannon's --overallRate, for comparison. */
const COMPARE = args.includes('--compare-autocannon')

interface Result {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

/** autocannon holding `rate` requests per second (0: as fast as it can) for `seconds`. */
async function load(url: string, cookie: string, rate: number, seconds: number): Promise<Result> {
  const out = await runAutocannon([
    '--connections',
    '20',
    '--duration',
    String(seconds),
    ...(rate > 0 ? ['--overallRate', String(rate)] : []),
    '--headers',
    `cookie=${cookie}`,
    url,
  ])
  return {
    rps: out.requests.average,
    p50: out.latency.p50,
    p99: out.latency.p99,
    errors: out.errors,
    non2xx: out.non2xx,
  }
}

/** Signed notes made the way a practice makes them: dictation → drafting job → review → sign. */
async function seed(t: TestApp): Promise<{ clientId: string; noteIds: string[] }> {
  const a = t.users.a
  const clientId = await seedClient(t, { practiceId: t.practices.a, careTeam: [a.clinician.id] })
  const author = await t.login(a.clinician)
  const noteIds: string[] = []
  for (let i = 0; i < NOTES; i++) {
    const view = await readyToSign(t, author, clientId)
    const signed = await author.request('POST', `/api/notes/${view.id}/sign`, {
      version: view.version,
      attestation: true,
    })
    if (signed.statusCode !== 200) throw new Error(`sign: ${signed.statusCode} ${signed.body}`)
    noteIds.push(view.id)
  }
  return { clientId, noteIds }
}

/** A GET at the target rate, sent on a fixed schedule (bench/open-loop.ts). */
const atRate = (url: string, cookie: string) =>
  runOpenLoop({ url, rate: RATE, seconds: SECONDS, headers: { cookie } })

const fmtOpen = (r: OpenLoopReport) =>
  `${r.rps.toFixed(0).padStart(6)} rps   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   p99.9 ${String(r.latency.p999).padStart(4)} ms   errors ${r.errors + r.non2xx}   (send lag p99 ${r.sendLagP99} ms)`

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(6)} rps   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`

let failed = false
for (const kind of KINDS) {
  let t: TestApp
  try {
    t = await startTestApp(kind.startsWith('sqlite') ? 'sqlite' : (kind as DbKind), {
      sqliteSync: kind === 'sqlite-full' ? 'full' : 'normal',
      logDestination: nullLogDestination(),
    })
  } catch (error) {
    console.log(`${kind}: skipped (${error instanceof Error ? error.message : String(error)})`)
    continue
  }
  try {
    const { clientId, noteIds } = await seed(t)
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    const agent = await t.login(t.users.a.clinician)
    const cookie = agent.cookie
    // Sanity: the routes answer with the note before anything is timed.
    const probe = await fetch(`${base}/api/notes/${noteIds[0]}`, { headers: { cookie } })
    if (probe.status !== 200) throw new Error(`note read answered ${probe.status}`)

    console.log(`\n${kind}: ${NOTES} signed notes, ${ROLES.length * 2} users; ${SECONDS} s per run`)
    console.log('  maximum throughput (autocannon, 20 connections, closed loop)')
    const health = await load(`${base}/api/health`, cookie, 0, Math.min(5, SECONDS))
    console.log(`    GET /api/health                       ${fmt(health)}`)
    const readMax = await load(`${base}/api/notes/${noteIds[7]}`, cookie, 0, Math.min(5, SECONDS))
    console.log(
      `    note read                             ${fmt(readMax)}   ${(readMax.rps / health.rps).toFixed(2)}× health`,
    )
    const list = await load(`${base}/api/notes?clientId=${clientId}`, cookie, 0, Math.min(5, SECONDS))
    console.log(`    note list (${NOTES} notes)                ${fmt(list)}`)
    console.log(`  at ${RATE} rps (open loop: latency from each request's due time)`)
    // The floor at the target rate: what a request costing almost nothing gets, generator included.
    const healthAtRate = await atRate(`${base}/api/health`, cookie)
    console.log(`    GET /api/health                       ${fmtOpen(healthAtRate)}`)
    const read = await atRate(`${base}/api/notes/${noteIds[7]}`, cookie)
    const readOk = read.latency.p99 <= 25 && read.errors + read.non2xx === 0 && read.rps >= RATE * 0.95
    console.log(
      `    note read                             ${fmtOpen(read)}   target p99 ≤ 25 ms: ${readOk ? 'met' : 'NOT met'}`,
    )
    if (COMPARE) {
      const burst = await load(`${base}/api/notes/${noteIds[7]}`, cookie, RATE, SECONDS)
      console.log(
        `    note read, autocannon --overallRate   ${fmt(burst)}   (bursts; see bench/open-loop.ts)`,
      )
    }
    if (!readOk) failed = true
  } finally {
    await t.close()
  }
}
process.exitCode = failed ? 1 : 0
