import { randomBytes } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { pino } from 'pino'
import { createDeps, type Runtime } from '../../src/app/deps.js'
import { jobHandlers } from '../../src/app/jobs.js'
import { MODULE_ROUTES } from '../../src/app/modules.js'
import { type App, buildApp } from '../../src/http/app.js'
import type { UserRole } from '../../src/modules/identity/identity.schema.js'
import { hashPassword, newUserRow } from '../../src/modules/identity/index.js'
import { createJobRunner, type JobRunner, type RunOutcome } from '../../src/modules/jobs/index.js'
import type { NotesJobOptions } from '../../src/modules/notes/index.js'
import { ManualClock } from '../../src/platform/clock.js'
import { loadConfig } from '../../src/platform/config.js'
import type { DbKind } from '../../src/platform/db/index.js'
import { newId, newSecret, sha256Hex } from '../../src/platform/ids.js'
import { createLogger } from '../../src/platform/logger.js'
import { openTestDb, type TestDb } from './db.js'

export const ROLES: readonly UserRole[] = [
  'admin',
  'clinician',
  'supervisor',
  'supervisee',
  'biller',
  'privacy_officer',
]
export const PASSWORD = 'correct horse battery staple'

export interface TestUser {
  id: string
  email: string
  roles: UserRole[]
  practiceId: string
}

export interface Agent {
  user: TestUser
  cookie: string
  csrf: string
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

export interface TestApp {
  app: App
  deps: Runtime
  db: TestDb
  clock: ManualClock
  practices: { a: string; b: string }
  /** One user per role in each practice: users.a.clinician, users.b.biller, ... */
  users: { a: Record<UserRole, TestUser>; b: Record<UserRole, TestUser> }
  /** Sign in (password, and MFA when on) and return an agent carrying the cookie and CSRF token. */
  login(user: TestUser): Promise<Agent>
  /** A request with no credentials. */
  anonymous(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>
  /** An API token with these scopes for a user. */
  token(user: TestUser, scopes: string[]): Promise<string>
  /** Log lines written by the server during the test. */
  logs: string[]
  /** The job runner over the server's handlers (no workers run in tests: jobs run when a test says so). */
  jobs: JobRunner
  /** Run queued jobs until none is left; their outcomes in order. */
  runJobs(): Promise<RunOutcome[]>
  close(): Promise<void>
}

/**
 * For benchmarks: pino's own destination, as the server's default stdout logger uses it
 * (synchronous writes, one per line), writing to /dev/null, so log formatting and the write
 * are paid as in production and nothing accumulates.
 */
export function nullLogDestination(): NodeJS.WritableStream {
  return pino.destination({ dest: '/dev/null', sync: true }) as unknown as NodeJS.WritableStream
}

/** A server on a fresh database (SQLite file or PostgreSQL schema) with two practices seeded. */
export async function startTestApp(
  kind: DbKind,
  options: {
    requireMfa?: boolean
    jobs?: NotesJobOptions
    sqliteSync?: 'normal' | 'full'
    /**
     * Where the server logs (`logs` then stays empty). Benchmarks pass a real file destination:
     * kept in memory, a line per request grows the heap and slows every garbage collection.
     */
    logDestination?: NodeJS.WritableStream
  } = {},
): Promise<TestApp> {
  const db = await openTestDb(kind, options.sqliteSync ? { sqliteSync: options.sqliteSync } : {})
  const clock = new ManualClock()
  const logs: string[] = []
  const logStream = { write: (line: string) => logs.push(line) } as unknown as NodeJS.WritableStream
  const config = loadConfig(
    {},
    {
      masterKey: randomBytes(32).toString('base64'),
      dataDir: '.tmp/test-data',
      logLevel: 'info',
      jobWorkers: '0' as never,
    },
  )
  const logger = createLogger('info', options.logDestination ?? logStream)
  const deps = await createDeps(config, { clock, logger, handle: db })
  const now = clock.now().toISOString()
  const practices = { a: newId(), b: newId() }
  const hash = await hashPassword(PASSWORD)
  const users = { a: {}, b: {} } as TestApp['users']
  for (const [key, practiceId] of Object.entries(practices) as ['a' | 'b', string][]) {
    await deps.db
      .insertInto('practices')
      .values({
        id: practiceId,
        name: `Practice ${key.toUpperCase()}`,
        require_mfa: options.requireMfa ? 1 : 0,
        transcript_retention: 'delete-after-sign',
        created_at: now,
      })
      .execute()
    for (const role of ROLES) {
      const user: TestUser = {
        id: newId(),
        email: `${role}.${key}@test.sidenote.test`,
        roles: [role],
        practiceId,
      }
      users[key][role] = user
      await deps.db
        .insertInto('users')
        .values(
          newUserRow({
            id: user.id,
            practiceId,
            email: user.email,
            displayName: `${role} ${key}`,
            passwordHash: hash,
            roles: [role],
            at: now,
          }),
        )
        .execute()
    }
    await deps.db
      .insertInto('supervision_links')
      .values({
        practice_id: practiceId,
        supervisor_id: users[key].supervisor.id,
        supervisee_id: users[key].supervisee.id,
        created_at: now,
      })
      .execute()
  }
  const app = await buildApp(deps, MODULE_ROUTES)
  await app.ready()
  const jobs = createJobRunner(deps, { handlers: jobHandlers(options.jobs), workerId: 'test' })

  const inject = (method: string, url: string, body: unknown, headers: Record<string, string>) =>
    app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined
        ? {}
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? { payload: body }
          : { payload: body as object }),
    })

  return {
    app,
    deps,
    db,
    clock,
    practices,
    users,
    logs,
    jobs,
    async runJobs() {
      const outcomes: RunOutcome[] = []
      for (let outcome = await jobs.runOnce(); outcome; outcome = await jobs.runOnce()) outcomes.push(outcome)
      return outcomes
    },
    anonymous: (method, url, body) => inject(method, url, body, {}),
    async login(user) {
      const res = await inject('POST', '/api/auth/login', { email: user.email, password: PASSWORD }, {})
      if (res.statusCode !== 200)
        throw new Error(`login failed for ${user.email}: ${res.statusCode} ${res.body}`)
      const cookie = String(res.headers['set-cookie']).split(';')[0]!
      const csrf = (res.json() as { session: { csrfToken: string } }).session.csrfToken
      return {
        user,
        cookie,
        csrf,
        request: (method, url, body, headers = {}) =>
          inject(method, url, body, { cookie, 'x-csrf-token': csrf, ...headers }),
      }
    },
    async token(user, scopes) {
      const secret = `sdn_${newSecret()}`
      await deps.db
        .insertInto('api_tokens')
        .values({
          id: newId(),
          practice_id: user.practiceId,
          user_id: user.id,
          name: 'test',
          token_hash: sha256Hex(secret),
          scopes: scopes.join(','),
          created_at: clock.now().toISOString(),
          expires_at: null,
          last_used_at: null,
          revoked_at: null,
        })
        .execute()
      return secret
    },
    async close() {
      await app.close()
      await db.cleanup()
    },
  }
}
