import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DbKind } from '../../src/platform/db/index.js'
import { PASSWORD, type TestApp, type TestUser } from './app.js'
import { TEST_PG_URL } from './db.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The environment that points a server process at a test app's database, with its master key. */
export function serverEnv(t: TestApp, kind: DbKind, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const db =
    kind === 'sqlite'
      ? { SIDENOTE_DATA_DIR: dirname(t.db.where) }
      : { DATABASE_URL: `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${t.db.where}`)}` }
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    SIDENOTE_MASTER_KEY: t.deps.config.masterKey ?? '',
    SIDENOTE_DEMO: 'false',
    SIDENOTE_JOB_WORKERS: '0',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    ...db,
    ...extra,
  }
}

export interface ServerProcess {
  child: ChildProcess
  url: string
  stdout: string[]
  stderr: string[]
  /** Resolves when stdout or stderr has printed a line matching the pattern. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>
  kill(signal?: NodeJS.Signals): Promise<void>
}

/** A process running a TypeScript entry point (`node --import tsx`), its output collected. */
export async function spawnTs(
  entry: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: ROOT,
    env: { PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  const stderr: string[] = []
  const waiters = new Set<() => void>()
  child.stdout!.on('data', (d: Buffer) => {
    stdout.push(d.toString())
    for (const w of [...waiters]) w()
  })
  child.stderr!.on('data', (d: Buffer) => {
    stderr.push(d.toString())
    for (const w of [...waiters]) w()
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.once('exit', () => {
    for (const w of [...waiters]) w()
  })
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stdout,
    stderr,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolveWait, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`timed out waiting for ${pattern}; stderr: ${stderr.join('').slice(-2000)}`))
        }, timeoutMs)
        const check = () => {
          if (pattern.test(stdout.join('')) || pattern.test(stderr.join(''))) {
            clearTimeout(timer)
            waiters.delete(check)
            resolveWait()
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer)
            waiters.delete(check)
            reject(new Error(`process exited before ${pattern}; stderr: ${stderr.join('').slice(-2000)}`))
          }
        }
        waiters.add(check)
        check()
      })
    },
    async kill(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

/** Sign in to a server process over HTTP; returns a fetch bound to the session cookie and CSRF token. */
export async function httpLogin(baseUrl: string, user: TestUser) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  const cookie = String(res.headers.get('set-cookie')).split(';')[0]!
  const csrf = ((await res.json()) as { session: { csrfToken: string } }).session.csrfToken
  return (method: string, path: string, body?: unknown) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
}
