// The end-to-end harness: builds the web app when its output is stale, starts the real server (a
// child process with a fresh data folder and the demo practice), and drives Debian's Chromium with
// playwright-core. One helper for every browser test.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { totpNow } from '../../src/modules/identity/totp.js'
import { SAMPLES_DIR } from '../support/samples.js'

export const ROOT = resolve(import.meta.dirname, '..', '..')
// DEV-ONLY overrides (removed once src/http serves web/dist): where the server runs and the build goes.
const SERVER_DIR = process.env.SIDENOTE_E2E_SERVER_DIR ?? ROOT
export const WEB_DIST = process.env.SIDENOTE_E2E_WEB_DIST ?? join(ROOT, 'web', 'dist')
export { SAMPLES_DIR }

export const CHROMIUM_PATH = process.env.SIDENOTE_CHROMIUM ?? '/usr/bin/chromium'
// Playwright gives every launch a fresh temporary profile (its own --user-data-dir).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface DemoLogin {
  email: string
  password: string
  roles: string[]
}

export interface RunningServer {
  baseUrl: string
  /** Demo logins by first role (admin, clinician, supervisor, supervisee, biller, privacy_officer). */
  logins: Record<string, DemoLogin>
  output: () => string
  stop: () => Promise<void>
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

/** Build web/dist when it is missing or older than its sources (one build at a time across workers). */
export async function ensureWebBuilt(): Promise<void> {
  const web = join(ROOT, 'web')
  const stale = () => {
    const built = join(WEB_DIST, 'index.html')
    if (!existsSync(built)) return true
    const sources = Math.max(
      newestMtime(join(web, 'src')),
      newestMtime(join(web, 'index.html')),
      newestMtime(join(web, 'vite.config.ts')),
    )
    return sources > statSync(built).mtimeMs
  }
  if (!stale()) return
  const lock = join(web, '.build.lock')
  const started = Date.now()
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx'))
      break
    } catch {
      // Another test worker is building; a lock older than two minutes is left over from a crash.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { force: true })
      if (Date.now() - started > 180_000) throw new Error('timed out waiting for the web build lock')
      await new Promise((r) => setTimeout(r, 250))
    }
  }
  try {
    if (!stale()) return
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--outDir',
        WEB_DIST,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      {
        cwd: ROOT,
        encoding: 'utf8',
        // Vitest sets NODE_ENV=test, and Vite would pass it on to React (its development build, with
        // StrictMode's double effects): the e2e tests must drive the build users get.
        env: { ...process.env, NODE_ENV: 'production' },
      },
    )
    if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`)
  } finally {
    rmSync(lock, { force: true })
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}

const LOGIN_LINE = /^\s+(\S+)\s+(\S+@\S+)\s+(\S+)\s*$/

/** Start `node --import tsx src/main.ts` on a random port with a fresh data folder and the demo practice. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sidenote-e2e-'))
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      SIDENOTE_DATA_DIR: dataDir,
      SIDENOTE_DEMO: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SIDENOTE_WEB_DIR: WEB_DIST,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    output += d
  })
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    output += d
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + 60_000
  while (!output.includes('Sidenote is running at')) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`the server exited during start:\n${output}`)
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the server did not start within 60 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  const logins: Record<string, DemoLogin> = {}
  for (const line of output.split('\n')) {
    const m = LOGIN_LINE.exec(line)
    if (!m) continue
    const roles = m[1]!.split('+')
    logins[roles[0]!] = { email: m[2]!, password: m[3]!, roles }
  }
  if (!logins.clinician) {
    await stop()
    throw new Error(`no demo logins in the server output:\n${output}`)
  }
  return { baseUrl: `http://127.0.0.1:${port}`, logins, output: () => output, stop }
}

/** Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
}

/** A fresh browser context (cookies, storage) that accepts downloads. */
export async function newContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl,
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
  })
}

/** Sign in through the login form; enrols MFA when asked (returns the secret) or enters a code. */
export async function signIn(page: Page, login: DemoLogin, mfaSecret?: string): Promise<string | undefined> {
  await page.goto('/')
  await page.getByLabel('Email').fill(login.email)
  await page.getByLabel('Password').fill(login.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  const enrol = page.getByRole('heading', { name: 'Set up multi-factor authentication' })
  const code = page.getByRole('heading', { name: 'Enter your code' })
  const signedIn = page.getByRole('button', { name: 'Sign out' })
  await enrol.or(code).or(signedIn).first().waitFor()
  let secret = mfaSecret
  if (await enrol.isVisible()) {
    const shown = page.getByTestId('mfa-secret')
    await shown.waitFor()
    secret = (await shown.getAttribute('data-secret')) ?? undefined
    if (!secret) throw new Error('no MFA secret shown')
  }
  if ((await enrol.isVisible()) || (await code.isVisible())) {
    if (!secret) throw new Error('MFA code asked for, but no secret known')
    await page.getByLabel(/code/i).fill(totpNow(secret, new Date()))
    await page.getByRole('button', { name: 'Verify' }).click()
  }
  await signedIn.waitFor()
  return secret
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; html: string }[]
}

const AXE_SOURCE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')

/** Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // The page's globals, as far as these callbacks use them (the test's tsconfig has no DOM types).
  type AxeWindow = {
    axe?: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> }
    document: unknown
  }
  const loaded = await page.evaluate(() => 'axe' in globalThis)
  // Evaluated through the DevTools protocol: the app's CSP (scripts from self only) stays in force.
  if (!loaded) await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'))
  const violations = await page.evaluate(async () => {
    const w = globalThis as unknown as AxeWindow
    const result = await w.axe!.run(w.document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }))
  })
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * Add a client (and, unless told otherwise, an active AI-processing consent) through the API as
 * the user signed in on this page: for tests whose subject is not those forms.
 */
/** The CSRF header a signed-in page's own API calls carry, for API calls made beside the browser. */
export async function csrfHeaders(page: Page): Promise<Record<string, string>> {
  const csrf = await page.evaluate(async () => {
    const r = await fetch('/api/session', { credentials: 'same-origin' })
    return ((await r.json()) as { csrfToken: string }).csrfToken
  })
  return { 'x-csrf-token': csrf }
}

export async function createClientByApi(page: Page, name: string, withConsent = true): Promise<string> {
  const headers = await csrfHeaders(page)
  const created = await page.request.post('/api/clients', { headers, data: { name, part2: false } })
  if (created.status() !== 201) throw new Error(`creating a client answered ${created.status()}`)
  const client = (await created.json()) as { id: string }
  if (withConsent) {
    const consent = await page.request.post(`/api/clients/${client.id}/consents`, {
      headers,
      data: {
        kind: 'ai-processing',
        scope: { kind: 'ai-processing', recordings: false, transcripts: true, providers: [] },
        method: 'written',
        signer: name,
        signedAt: new Date(Date.now() - 86_400_000).toISOString(),
      },
    })
    if (consent.status() !== 201) throw new Error(`recording consent answered ${consent.status()}`)
  }
  return client.id
}

/**
 * A test file's server and browser: the web app built, a server on a fresh database and one
 * headless Chromium, started before the file's tests and stopped after them.
 */
export function withServerAndBrowser(): { readonly server: RunningServer; readonly browser: Browser } {
  const running = {} as { server: RunningServer; browser: Browser }
  beforeAll(async () => {
    await ensureWebBuilt()
    running.server = await startServer()
    running.browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await running.browser?.close()
    await running.server?.stop()
  })
  return running
}
