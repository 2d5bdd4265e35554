/**
 * Note read and list under load, on SQLite and PostgreSQL: a real server on loopback, a signed-in
 * clinician, and autocannon in a separate process holding a fixed rate (1,000 requests per second
 * by default), so the server is measured and not the load generator. Prints requests per second,
 * p50/p99 latency and errors; the target is p99 ≤ 25 ms at 1,000 rps for a note read. Every read
 * is audited, so each one is also a hash-chained write: that is what is being measured.
 *
 *   npm run bench                       (all benchmarks)
 *   node --import tsx bench/api.bench.ts [--rate 1000] [--seconds 10] [--kinds sqlite,sqlite-full,postgres]
 */
import type { AddressInfo } from 'node:net'
import type { DbKind } from '../src/platform/db/index.js'
import { ROLES, startTestApp, type TestApp } from '../test/support/app.js'
import { readyToSign } from '../test/support/notes.js'
import { seedClient } from '../test/support/seed-records.js'
import { runAutocannon } from './autocannon.js'

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

const fmt = (r: Result) =>
  `${r.rps.toFixed(0).padStart(6)} rps   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors + r.non2xx}`

let failed = false
for (const kind of KINDS) {
  let t: TestApp
  try {
    t = await startTestApp(kind.startsWith('sqlite') ? 'sqlite' : (kind as DbKind), {
      sqliteSync: kind === 'sqlite-full' ? 'full' : 'normal',
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

    console.log(
      `\n${kind}: ${NOTES} signed notes, ${ROLES.length * 2} users; ${SECONDS} s per run, 20 connections`,
    )
    const health = await load(`${base}/api/health`, cookie, 0, Math.min(5, SECONDS))
    console.log(`  baseline  GET /api/health (max rate)      ${fmt(health)}`)
    const readMax = await load(`${base}/api/notes/${noteIds[7]}`, cookie, 0, Math.min(5, SECONDS))
    console.log(
      `  note read (max rate)                      ${fmt(readMax)}   ${(readMax.rps / health.rps).toFixed(2)}× baseline`,
    )
    // The harness's own floor at the target rate: what p99 a request costing almost nothing gets.
    const healthAtRate = await load(`${base}/api/health`, cookie, RATE, SECONDS)
    console.log(`  baseline  GET /api/health at ${RATE} rps        ${fmt(healthAtRate)}`)
    const read = await load(`${base}/api/notes/${noteIds[7]}`, cookie, RATE, SECONDS)
    const readOk = read.p99 <= 25 && read.errors + read.non2xx === 0 && read.rps >= RATE * 0.95
    console.log(
      `  note read at ${RATE} rps                    ${fmt(read)}   target p99 ≤ 25 ms: ${readOk ? 'met' : 'NOT met'}`,
    )
    const list = await load(`${base}/api/notes?clientId=${clientId}`, cookie, RATE, SECONDS)
    console.log(`  note list (${NOTES}) at ${RATE} rps            ${fmt(list)}`)
    if (!readOk) failed = true
  } finally {
    await t.close()
  }
}
process.exitCode = failed ? 1 : 0
