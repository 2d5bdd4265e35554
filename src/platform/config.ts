import { join, resolve } from 'node:path'
import { z } from 'zod'

/** Every setting of the server, from the environment. Parsed once, all problems listed, frozen. */
export const Config = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(3000),
    host: z.string().min(1).default('127.0.0.1'),
    /** PostgreSQL connection string; without it Sidenote uses an embedded SQLite file. */
    databaseUrl: z.string().url().optional(),
    /**
     * SQLite's commit durability (WAL mode). `normal`: a commit survives a crash of Sidenote, and
     * after a power loss or OS crash the last commits may roll back, the database consistent (no
     * fsync per commit). `full`: an fsync per commit, so commits also survive power loss, at the
     * cost of one disk flush per audited request. PostgreSQL has its own settings.
     */
    sqliteSync: z.enum(['normal', 'full']).default('normal'),
    /** Where the SQLite file, the master key file and uploads live. */
    dataDir: z.string().min(1).default('data'),
    /** Master key (base64, 32 bytes). Without it, `masterKeyFile` is used (created on first start). */
    masterKey: z.string().optional(),
    masterKeyFile: z.string().optional(),
    /** Seed a demo practice with demo users on an empty database. */
    demo: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Set behind a TLS-terminating proxy: cookies become Secure and client IPs come from X-Forwarded-For. */
    trustProxy: z
      .enum(['true', 'false', '1', '0'])
      .default('false')
      .transform((v) => v === 'true' || v === '1'),
    sessionIdleMinutes: z.coerce.number().int().min(1).max(240).default(15),
    sessionAbsoluteHours: z.coerce.number().int().min(1).max(72).default(12),
    loginMaxFailures: z.coerce.number().int().min(1).max(50).default(5),
    lockoutMinutes: z.coerce.number().int().min(1).max(1440).default(15),
    /** Background job workers in this process (0 disables; other processes may run them). */
    jobWorkers: z.coerce.number().int().min(0).max(16).default(1),
    /** Largest upload (transcript) in bytes. */
    maxUploadBytes: z.coerce
      .number()
      .int()
      .min(1024)
      .default(5 * 1024 * 1024),
    /** Where the built web app is served from. */
    webDir: z.string().default('web/dist'),
    /**
     * The drafting engine of practices that chose none in their provider registry: the embedded
     * engine, or an OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio) at `openaiBaseUrl`.
     */
    engine: z.enum(['embedded', 'openai']).default('embedded'),
    openaiBaseUrl: z.url({ protocol: /^https?$/ }).optional(),
    openaiModel: z.string().trim().min(1).optional(),
    /** Where that server runs; guessed from the URL when unset (anything not private counts as hosted). */
    openaiLocality: z.enum(['practice-network', 'hosted']).optional(),
    openaiApiKey: z.string().min(1).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.engine !== 'openai') return
    if (!c.openaiBaseUrl)
      ctx.addIssue({
        code: 'custom',
        path: ['openaiBaseUrl'],
        message: 'required when SIDENOTE_ENGINE=openai',
      })
    if (!c.openaiModel)
      ctx.addIssue({ code: 'custom', path: ['openaiModel'], message: 'required when SIDENOTE_ENGINE=openai' })
  })
export type Config = Readonly<z.infer<typeof Config>> & {
  readonly sqlitePath: string
  readonly keyFile: string
}

const ENV: Record<keyof z.input<typeof Config>, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'SIDENOTE_DATA_DIR',
  sqliteSync: 'SIDENOTE_SQLITE_SYNC',
  masterKey: 'SIDENOTE_MASTER_KEY',
  masterKeyFile: 'SIDENOTE_MASTER_KEY_FILE',
  demo: 'SIDENOTE_DEMO',
  logLevel: 'LOG_LEVEL',
  trustProxy: 'SIDENOTE_TRUST_PROXY',
  sessionIdleMinutes: 'SIDENOTE_SESSION_IDLE_MINUTES',
  sessionAbsoluteHours: 'SIDENOTE_SESSION_ABSOLUTE_HOURS',
  loginMaxFailures: 'SIDENOTE_LOGIN_MAX_FAILURES',
  lockoutMinutes: 'SIDENOTE_LOCKOUT_MINUTES',
  jobWorkers: 'SIDENOTE_JOB_WORKERS',
  maxUploadBytes: 'SIDENOTE_MAX_UPLOAD_BYTES',
  webDir: 'SIDENOTE_WEB_DIR',
  engine: 'SIDENOTE_ENGINE',
  openaiBaseUrl: 'SIDENOTE_OPENAI_BASE_URL',
  openaiModel: 'SIDENOTE_OPENAI_MODEL',
  openaiLocality: 'SIDENOTE_OPENAI_LOCALITY',
  openaiApiKey: 'SIDENOTE_OPENAI_API_KEY',
}

/** Thrown when the configuration is unusable; lists every problem by variable name. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Read the configuration from environment variables (or overrides, in tests). */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<z.input<typeof Config>> = {},
): Config {
  const raw: Record<string, unknown> = {}
  for (const [key, name] of Object.entries(ENV)) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[key] = value
  }
  const result = Config.safeParse({ ...raw, ...overrides })
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const key = String(i.path[0]) as keyof typeof ENV
        return `${ENV[key] ?? key}: ${i.message}`
      }),
    )
  }
  const c = result.data
  const dataDir = resolve(c.dataDir)
  return Object.freeze({
    ...c,
    dataDir,
    sqlitePath: join(dataDir, 'sidenote.sqlite'),
    keyFile: resolve(c.masterKeyFile ?? join(dataDir, 'master.key')),
  })
}
