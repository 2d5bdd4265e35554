import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SQLite from 'better-sqlite3'
import {
  Kysely,
  type Migration,
  type MigrationProvider,
  Migrator,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
} from 'kysely'
import pg from 'pg'
import { MIGRATIONS } from '../../../migrations/index.js'
import { startCheckpointer } from './checkpointer.js'
import { preparedStatementName } from './prepared.js'
import type { Database } from './schema.js'

export type Db = Kysely<Database>
export type DbKind = 'sqlite' | 'postgres'

export interface DbHandle {
  db: Db
  kind: DbKind
  /** PostgreSQL schema when not the default one. */
  schema?: string | undefined
  close(): Promise<void>
}

export interface ConnectOptions {
  /** PostgreSQL URL; without it, the SQLite file. */
  databaseUrl?: string | undefined
  sqlitePath?: string
  /** SQLite commit durability (see Config.sqliteSync); default normal. */
  sqliteSync?: 'normal' | 'full'
  /** PostgreSQL schema to use (tests give each suite its own). */
  schema?: string
  poolSize?: number
}

/** Open the database: PostgreSQL when a URL is given, otherwise an embedded SQLite file. */
export function connect(options: ConnectOptions): DbHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
    })
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: namingPreparedStatements(pool) }),
    })
    return { db, kind: 'postgres', schema: options.schema, close: () => db.destroy() }
  }
  const path = options.sqlitePath ?? ':memory:'
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const database = new SQLite(path)
  // WAL for concurrent readers. NORMAL: commits survive a process crash and the file stays
  // consistent through a power loss (SQLite's advice for WAL); FULL adds an fsync per commit.
  database.pragma('journal_mode = WAL')
  database.pragma(`synchronous = ${options.sqliteSync === 'full' ? 'FULL' : 'NORMAL'}`)
  database.pragma('foreign_keys = ON')
  database.pragma('busy_timeout = 5000')
  // An in-memory database has no log to copy back.
  const checkpointer = path === ':memory:' ? null : startCheckpointer(database, path)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) })
  return {
    db,
    kind: 'sqlite',
    async close() {
      await checkpointer?.stop()
      await db.destroy()
    },
  }
}

/**
 * Kysely's SQLite driver prepares every statement it sends afresh, and preparing (parsing and
 * planning the SQL) cost more than running the statement on the hot paths (a note read is about ten
 * statements). The compiled SQL of a query builder is the same text on every call, with the values
 * as parameters, so its prepared statement is kept and reused: a bounded map by SQL text, least
 * recently used dropped first. SQLite re-prepares a kept statement itself after a schema change.
 * Only one statement runs at a time (the driver holds one connection behind a mutex), so sharing
 * one is safe.
 */
function reusingStatements(database: SQLite.Database, size = 500): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>()
  return {
    close: () => {
      kept.clear()
      database.close()
    },
    prepare(sql: string) {
      let statement = kept.get(sql)
      if (statement) kept.delete(sql)
      else {
        statement = database.prepare(sql)
        if (kept.size >= size) kept.delete(kept.keys().next().value as string)
      }
      kept.set(sql, statement)
      return statement as unknown as SqliteStatement
    },
  }
}

/**
 * pg sends every statement unnamed, so PostgreSQL parses and plans it on every call, and on the
 * hot paths (the session of every request, a note read, the audit append) that was most of the
 * database's work: statements of a few microseconds of execution. The SQL of a prepared query is
 * the same text on every call, so it goes as a named statement, parsed and planned once per
 * connection. Only those: other SQL varies with its values' count (lists of ids) and would fill
 * each connection's statement cache without end.
 */
function namingPreparedStatements(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled client, so Kysely's per-client connection cache keeps working.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    // Kysely calls query(sql, parameters), or query(cursor) for streams, which pass through.
    const query = (text: unknown, values?: readonly unknown[]) => {
      const name = typeof text === 'string' ? preparedStatementName(text) : undefined
      if (name === undefined) return client.query(text as never, values as never)
      return client.query({ name, text: text as string, values: values as unknown[] })
    }
    return { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() }
  }
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrappers.get(client)
      if (!wrapper) {
        wrapper = wrap(client)
        wrappers.set(client, wrapper)
      }
      return wrapper
    },
    end: () => pool.end(),
  }
}

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => MIGRATIONS,
}

/** Run every pending migration (forward-only). Throws with the failing migration's name. */
export async function migrate(db: Db, schema?: string): Promise<string[]> {
  // With a schema of its own, the migration tables live there too (and are looked up there only).
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown'
    throw new Error(
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

/** Count rows portably: PostgreSQL returns count(*) as a string, SQLite as a number. */
export function asCount(value: unknown): number {
  return Number(value ?? 0)
}
