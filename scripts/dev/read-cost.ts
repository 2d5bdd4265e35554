/**
 * Server CPU per note read, robust to a shared, noisy machine: the app started as
 * bench/api.bench.ts starts it (startTestApp, a signed-in clinician, signed notes made through
 * the API), listening on loopback, and autocannon in a child process sending a fixed number of
 * real HTTP requests over a few connections. What is timed is `process.cpuUsage()` of this process
 * (the server only: the load generator is the child) divided by the number of requests — CPU time,
 * not wall time, so other processes on the machine change it little. Rounds alternate
 * GET /api/health (the floor every request pays) and GET /api/notes/:id (an audited, decrypted
 * note read); medians over the rounds are printed, with the read as a multiple of health, and
 * the busy CPU time of the whole machine per note read (/proc/stat: the database's share too).
 *
 *   node --import tsx scripts/dev/read-cost.ts [--requests 5000] [--rounds 5] [--connections 4] [--kind sqlite|postgres]
 *
 * To compare with another commit, run the same script from an export of it (e.g.
 * `git archive <rev> src test | tar -x -C .tmp/base` and copy this file under .tmp/base/scripts/dev
 * and bench/autocannon.ts under .tmp/base/bench),
 * alternating the two a few times. For hot spots, `--profile <file.cpuprofile>` records a V8 CPU
 * profile of the timed note reads only (open it in Chrome DevTools or speedscope).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import type { AddressInfo } from 'node:net'
import { runAutocannon } from '../../bench/autocannon.js'
import type { DbKind } from '../../src/platform/db/index.js'
import { nullLogDestination, startTestApp } from '../../test/support/app.js'
import { readyToSign } from '../../test/support/notes.js'
import { seedClient } from '../../test/support/seed-records.js'

const args = process.argv.slice(2)
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const REQUESTS = Number(option('requests', '5000'))
const ROUNDS = Number(option('rounds', '5'))
const CONNECTIONS = Number(option('connections', '4'))
const KIND = option('kind', 'sqlite') as DbKind
const PROFILE = option('profile', '')

/** Busy CPU time of the whole machine so far, in µs (every process: the database too). */
function machineBusy(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/)
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number)
  const ticks = user! + nice! + system! + irq! + softirq! + (steal ?? 0)
  return (ticks / 100) * 1e6
}
const machine: number[] = []

/** CPU time of every PostgreSQL process on this machine so far (backends, WAL writer...), in µs. */
function postgresCpu(): number {
  let ticks = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (!stat.includes('(postgres)')) continue
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // The process ended while we looked: its time is gone with it.
    }
  }
  return (ticks / 100) * 1e6
}
const database: number[] = []

/** `amount` requests from autocannon in its own process; the server's CPU µs per request. */
async function cpuPerRequest(url: string, cookie: string, amount: number): Promise<number> {
  const before = process.cpuUsage()
  const busyBefore = machineBusy()
  const dbBefore = postgresCpu()
  const out = await runAutocannon([
    '--connections',
    String(CONNECTIONS),
    '--amount',
    String(amount),
    '--headers',
    `cookie=${cookie}`,
    url,
  ])
  const used = process.cpuUsage(before)
  machine.push((machineBusy() - busyBefore) / amount)
  database.push((postgresCpu() - dbBefore) / amount)
  if (out.errors + out.non2xx > 0 || out['2xx'] !== amount)
    throw new Error(`${url}: ${out['2xx']} answered 2xx, ${out.errors} errors, ${out.non2xx} non-2xx`)
  return (used.user + used.system) / amount
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

const t = await startTestApp(KIND, { logDestination: nullLogDestination() })
try {
  const a = t.users.a
  const clientId = await seedClient(t, { practiceId: t.practices.a, careTeam: [a.clinician.id] })
  const author = await t.login(a.clinician)
  const view = await readyToSign(t, author, clientId)
  const signed = await author.request('POST', `/api/notes/${view.id}/sign`, {
    version: view.version,
    attestation: true,
  })
  if (signed.statusCode !== 200) throw new Error(`sign: ${signed.statusCode} ${signed.body}`)
  await t.app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
  const { cookie } = await t.login(a.clinician)
  const health = `${base}/api/health`
  const read = `${base}/api/notes/${view.id}`

  // Warm up: JIT, statement caches, the parsed-note caches.
  await cpuPerRequest(health, cookie, Math.min(1000, REQUESTS))
  await cpuPerRequest(read, cookie, Math.min(1000, REQUESTS))

  const profiler = new Session()
  if (PROFILE) {
    profiler.connect()
    await profiler.post('Profiler.enable')
  }
  const healths: number[] = []
  const machineReads: number[] = []
  const databaseReads: number[] = []
  const reads: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    healths.push(await cpuPerRequest(health, cookie, REQUESTS))
    if (PROFILE) await profiler.post('Profiler.start')
    reads.push(await cpuPerRequest(read, cookie, REQUESTS))
    machineReads.push(machine.at(-1)!)
    databaseReads.push(database.at(-1)!)
    if (PROFILE) {
      const { profile } = await profiler.post('Profiler.stop')
      writeFileSync(PROFILE, JSON.stringify(profile))
    }
    console.log(
      `round ${round + 1}: health ${healths.at(-1)!.toFixed(0)} µs/req   note read ${reads.at(-1)!.toFixed(0)} µs/req`,
    )
  }
  const h = median(healths)
  const r = median(reads)
  console.log(
    `${KIND}, ${REQUESTS} requests × ${ROUNDS} rounds, ${CONNECTIONS} connections — median server CPU: ` +
      `health ${h.toFixed(0)} µs/req, note read ${r.toFixed(0)} µs/req (${(r / h).toFixed(2)}× health); ` +
      `whole machine (server, database, load generator) per note read ${median(machineReads).toFixed(0)} µs` +
      (KIND === 'postgres' ? `, of which PostgreSQL's processes ${median(databaseReads).toFixed(0)} µs` : ''),
  )
} finally {
  await t.close()
}
