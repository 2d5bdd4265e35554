// `npm test`: the whole suite (unit, SQLite and PostgreSQL integration, browser end-to-end) on a
// fresh machine: installs dependencies, starts PostgreSQL and installs Chromium if needed, then
// runs vitest and prints one "N passed, N failed" line. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { ensureChromium, ensureDependencies, ensurePostgres, ensureWebBuild } from './prepare-env.mjs'

ensureDependencies()
ensurePostgres()
ensureChromium()
ensureWebBuild()
mkdirSync('.tmp', { recursive: true })
const r = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile=.tmp/vitest.json',
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
)
try {
  const report = JSON.parse(readFileSync('.tmp/vitest.json', 'utf8'))
  // A file whose setup fails has no failed test, only skipped ones: it counts as one failure.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`)
} catch {
  console.log('0 passed, 1 failed')
}
process.exit(r.status ?? 1)
