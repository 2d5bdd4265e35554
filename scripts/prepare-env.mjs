// Environment preparation shared by `npm start` and `npm test` on a fresh machine. Plain Node
// (no dependencies): it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname

function log(message) {
  process.stderr.write(`[sidenote] ${message}\n`)
}

/** Install dependencies from the lockfile when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json')
  const lock = join(root, 'package-lock.json')
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return
  log('installing dependencies from package-lock.json (npm ci)…')
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('npm ci failed')
}

/** Build the web app when its output is missing or older than its sources. */
export function ensureWebBuild() {
  const web = join(root, 'web')
  if (!existsSync(join(web, 'package.json')) && !existsSync(join(web, 'index.html'))) return
  const built = join(web, 'dist', 'index.html')
  if (existsSync(built) && !newerThan(join(web, 'src'), statSync(built).mtimeMs)) return
  log('building the web app…')
  const r = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('web build failed')
}

function newerThan(dir, time) {
  if (!existsSync(dir)) return false
  const out = spawnSync('find', [dir, '-newermt', `@${Math.floor(time / 1000)}`, '-type', 'f'], {
    encoding: 'utf8',
  })
  return out.stdout.trim().length > 0
}

/** Start the machine's PostgreSQL if it is installed but down (tests use 127.0.0.1:5432, database `test`). */
export function ensurePostgres() {
  const ready = () => spawnSync('pg_isready', ['-q', '-h', '127.0.0.1', '-p', '5432']).status === 0
  if (ready()) return
  if (!existsSync('/etc/postgresql')) return log('PostgreSQL is not installed; PostgreSQL tests will fail.')
  log('starting PostgreSQL…')
  const version = execFileSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).trim().split('\n')[0]
  spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' })
  for (let i = 0; i < 30 && !ready(); i++) spawnSync('sleep', ['1'])
}

/** Install Debian's Chromium for the browser tests when it is missing and we may (root with apt). */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get'))
    return log('Chromium is missing; browser tests will fail.')
  log('installing Debian chromium for the browser tests (apt-get)…')
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
  spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
}
