import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { FieldCipher } from './crypto.js'
import type { Db, DbKind } from './db/index.js'
import type { Logger } from './logger.js'

/** What every service needs, created once by the composition root and passed in explicitly. */
export interface Deps {
  config: Config
  db: Db
  dbKind: DbKind
  vault: FieldCipher
  clock: Clock
  logger: Logger
}
