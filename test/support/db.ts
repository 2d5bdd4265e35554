import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { connect, type DbHandle, type DbKind, migrate } from '../../src/platform/db/index.js'

/** The PostgreSQL every machine of this kind runs (trust auth, database `test`). */
export const TEST_PG_URL = process.env.SIDENOTE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Both databases; every integration suite runs against each. */
export const DB_KINDS: readonly DbKind[] = ['sqlite', 'postgres']

export interface TestDb extends DbHandle {
  /** SQLite file path, or PostgreSQL schema name. */
  where: string
  cleanup(): Promise<void>
}

/** A fresh, migrated database: a temporary SQLite file, or a PostgreSQL schema of its own. */
export async function openTestDb(
  kind: DbKind,
  options: { sqliteSync?: 'normal' | 'full' } = {},
): Promise<TestDb> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sidenote-db-'))
    // The name a server started with SIDENOTE_DATA_DIR=dir opens: tests can run a real server process on it.
    const path = join(dir, 'sidenote.sqlite')
    const handle = connect({ sqlitePath: path, ...options })
    await migrate(handle.db)
    return {
      ...handle,
      where: path,
      cleanup: async () => {
        await handle.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const schema = `t_${Math.random().toString(36).slice(2, 10)}`
  const admin = new pg.Client({ connectionString: TEST_PG_URL })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const handle = connect({ databaseUrl: TEST_PG_URL, schema, poolSize: 5 })
  await migrate(handle.db, schema)
  return {
    ...handle,
    where: schema,
    cleanup: async () => {
      await handle.close()
      const c = new pg.Client({ connectionString: TEST_PG_URL })
      await c.connect()
      await c.query(`drop schema if exists ${schema} cascade`)
      await c.end()
    },
  }
}
