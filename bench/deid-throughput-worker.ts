/**
 * The child process of bench/deid.bench.ts that times one tool: loads the texts and that tool
 * only, runs three passes over the texts to warm up, then `passes` timed passes. Prints one JSON
 * `ThroughputReport` on stdout: each pass's wall time and this process's CPU time, in seconds.
 *
 *   node --import tsx bench/deid-throughput-worker.ts sidenote 8
 */
import { loadBenchTexts, loadRedact, TOOL_NAMES, type ToolName } from './deid-corpus.js'

export interface ThroughputReport {
  bytes: number
  walls: number[]
  cpus: number[]
}

const name = process.argv[2] as ToolName
const passes = Number(process.argv[3])
if (!TOOL_NAMES.includes(name) || !(passes > 0))
  throw new Error(`usage: deid-throughput-worker.ts ${TOOL_NAMES.join('|')} PASSES`)

const texts = loadBenchTexts()
const redact = await loadRedact(name)
const pass = () => {
  for (const t of texts) redact(t.text, t.labels)
}
for (let k = 0; k < 3; k++) pass()
const report: ThroughputReport = {
  bytes: texts.reduce((a, t) => a + Buffer.byteLength(t.text), 0),
  walls: [],
  cpus: [],
}
for (let k = 0; k < passes; k++) {
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  pass()
  const cpu = process.cpuUsage(c0)
  report.walls.push((performance.now() - t0) / 1000)
  // All of this process's threads (the collector's helpers too): steadier than wall time on a
  // shared machine.
  report.cpus.push((cpu.user + cpu.system) / 1e6)
}
process.stdout.write(JSON.stringify(report))
