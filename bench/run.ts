/**
 * `npm run bench`: every benchmark, one after another, each printing its own table. Speed and
 * memory targets are checked here, never in timed tests.
 */
import { spawnSync } from 'node:child_process'

const benches = ['bench/pipeline.bench.ts', 'bench/deid.bench.ts', 'bench/api.bench.ts']
let failed = 0
for (const file of benches) {
  console.log(`\n=== ${file}`)
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exitCode = failed === 0 ? 0 : 1
