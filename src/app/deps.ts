import { type Clock, systemClock } from '../platform/clock.js'
import type { Config } from '../platform/config.js'
import { resolveMasterKey, Vault } from '../platform/crypto.js'
import { connect, type DbHandle, migrate } from '../platform/db/index.js'
import type { Deps } from '../platform/deps.js'
import { createLogger, type Logger } from '../platform/logger.js'

export interface Runtime extends Deps {
  close(): Promise<void>
}

/** Open the database (migrating it), unlock the data keys and build the dependencies. */
export async function createDeps(
  config: Config,
  options: { clock?: Clock; logger?: Logger; handle?: DbHandle } = {},
): Promise<Runtime> {
  const handle =
    options.handle ??
    connect({
      databaseUrl: config.databaseUrl,
      sqlitePath: config.sqlitePath,
      sqliteSync: config.sqliteSync,
    })
  const clock = options.clock ?? systemClock
  let vault: Vault
  try {
    await migrate(handle.db, handle.schema)
    const masterKey = await resolveMasterKey(handle.db, {
      masterKey: config.masterKey,
      keyFile: config.keyFile,
    })
    vault = await Vault.open(handle.db, masterKey, () => clock.now())
  } catch (error) {
    // A database this call opened is closed again (its pool, its checkpoint thread), then the
    // error goes on unchanged: a failed start leaves nothing running.
    if (!options.handle) await handle.close()
    throw error
  }
  return {
    config,
    db: handle.db,
    dbKind: handle.kind,
    vault,
    clock,
    logger: options.logger ?? createLogger(config.logLevel),
    close: () => handle.close(),
  }
}
