import { existsSync } from 'node:fs'
import { createDeps, type Runtime } from '../../app/deps.js'
import type { AuditContext } from '../../modules/audit/index.js'
import { type Config, ConfigError, loadConfig } from '../../platform/config.js'
import { AppError } from '../../platform/errors.js'
import { createLogger } from '../../platform/logger.js'

/** The audit context of operator commands: no practice user, the machine's operator. */
export const OPERATOR_CONTEXT: AuditContext = {
  practiceId: null,
  actorId: null,
  actorRole: 'operator',
  ip: null,
  userAgent: 'sidenote-cli',
  requestId: null,
}

/**
 * Open the installation's database the way `npm start` does (same environment, same migrations,
 * same master key), for operator commands. Anything that stops it is unusable input (exit 2),
 * with the reason: a missing SQLite file is not silently created empty.
 */
export async function openOperatorDeps(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ deps: Runtime; config: Config }> {
  let config: Config
  try {
    config = loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) throw new AppError('BAD_REQUEST', error.message)
    throw error
  }
  if (!config.databaseUrl && !existsSync(config.sqlitePath))
    throw new AppError(
      'BAD_REQUEST',
      `No Sidenote database at ${config.sqlitePath}. Set SIDENOTE_DATA_DIR (or DATABASE_URL) as for npm start.`,
    )
  try {
    // Logs go to stderr so that --json output on stdout stays parseable.
    const deps = await createDeps(config, { logger: createLogger('warn', process.stderr) })
    return { deps, config }
  } catch (error) {
    throw new AppError(
      'BAD_REQUEST',
      `Cannot open the database: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
}
