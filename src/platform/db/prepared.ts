import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely'
import type { Database } from './schema.js'

type Executor = Kysely<Database>

/** The values a prepared query takes, by name; only what a database parameter can hold. */
export type PreparedParams<P> = { [K in keyof P]: string | number | null }

export interface PreparedQuery<P extends PreparedParams<P>, R> {
  /** Every row the query returns. */
  all(db: Executor, params: P): Promise<R[]>
  /** The first row, or undefined. */
  first(db: Executor, params: P): Promise<R | undefined>
  /** Run a change (insert, update, delete); the number of rows it changed. */
  run(db: Executor, params: P): Promise<number>
}

const MARK = '\u0000param:'

/** The SQL of every compiled prepared query, with the statement name PostgreSQL knows it by. */
const statementNames = new Map<string, string>()

/**
 * The name under which `sql` is kept as a PostgreSQL prepared statement, when it is the SQL of a
 * prepared query (the same text on every call); undefined for any other SQL.
 */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql)
}

/**
 * A query built and compiled once per database instead of on every call. Building a Kysely query
 * (an immutable, frozen tree) and compiling it to SQL cost more CPU than SQLite takes to run it on
 * the hot paths (every request resolves its session, every note read is an audited write). The
 * builder is called once with placeholders for `params`; each placeholder must end up as a bound
 * parameter (a value compared, inserted or set), never in the SQL text, and the builder must not
 * branch on a value — it only ever sees the placeholders. Both are checked: a placeholder in the
 * SQL throws here, and so does one that is no parameter at all. Each call then binds the values
 * in the placeholders' places. Same SQL, same parameters, as building the query every time.
 * On PostgreSQL the statement is also named (see `preparedStatementName`), so each connection
 * parses and plans it once.
 */
export function preparedQuery<P extends PreparedParams<P>, R>(
  build: (db: Executor, params: P) => Compilable<R>,
): PreparedQuery<P, R> {
  // Per dialect (SQLite and PostgreSQL write different SQL), keyed by the database's adapter,
  // which its transactions share.
  const compiled = new WeakMap<object, { query: CompiledQuery<R>; slots: Slot[] }>()

  const bind = (db: Executor, params: P): CompiledQuery<R> => {
    const adapter = db.getExecutor().adapter
    let entry = compiled.get(adapter)
    if (!entry) {
      entry = compile(db, build)
      compiled.set(adapter, entry)
    }
    const parameters = entry.slots.map((slot) => {
      if (!('name' in slot)) return slot.value
      const value = (params as Record<string, unknown>)[slot.name]
      if (value === undefined) throw new Error(`The prepared query needs a value for "${slot.name}".`)
      return value
    })
    return { ...entry.query, parameters, queryId: createQueryId() }
  }

  return {
    all: async (db, params) => (await db.executeQuery(bind(db, params))).rows,
    first: async (db, params) => (await db.executeQuery(bind(db, params))).rows[0],
    run: async (db, params) => Number((await db.executeQuery(bind(db, params))).numAffectedRows ?? 0),
  }
}

type Slot = { name: string } | { value: unknown }

function compile<P extends PreparedParams<P>, R>(
  db: Executor,
  build: (db: Executor, params: P) => Compilable<R>,
): { query: CompiledQuery<R>; slots: Slot[] } {
  const used = new Set<string>()
  const placeholders = new Proxy({} as P, {
    get: (_target, name) => {
      if (typeof name !== 'string') return undefined
      used.add(name)
      return `${MARK}${name}`
    },
  })
  const query = build(db, placeholders).compile()
  if (query.sql.includes(MARK))
    throw new Error(`A prepared query's value ended up in its SQL, not as a parameter: ${query.sql}`)
  const slots = query.parameters.map(
    (value): Slot =>
      typeof value === 'string' && value.startsWith(MARK) ? { name: value.slice(MARK.length) } : { value },
  )
  for (const name of used)
    if (!slots.some((slot) => 'name' in slot && slot.name === name))
      throw new Error(`The prepared query's value "${name}" is not one of its parameters: ${query.sql}`)
  if (!statementNames.has(query.sql)) statementNames.set(query.sql, `sidenote_${statementNames.size + 1}`)
  return { query, slots }
}
