import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { startCheckpointer } from './checkpointer.js'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function walDatabase(): { database: SQLite.Database; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sidenote-ckpt-'))
  dirs.push(dir)
  const path = join(dir, 'db.sqlite')
  const database = new SQLite(path)
  database.pragma('journal_mode = WAL')
  database.pragma('synchronous = NORMAL')
  return { database, path }
}

/** Two megabytes of rows in one transaction: about 500 pages of log. */
function write(database: SQLite.Database): void {
  database.exec('CREATE TABLE IF NOT EXISTS t (x BLOB)')
  const insert = database.prepare('INSERT INTO t (x) VALUES (?)')
  database.transaction(() => {
    for (let i = 0; i < 512; i++) insert.run(Buffer.alloc(4096, i % 251))
  })()
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (check()) return true
    await new Promise((r) => setTimeout(r, 25))
  }
  return check()
}

describe('the SQLite checkpointer', () => {
  it('copies the log into the database file from its own thread, the server connection never checkpointing', async () => {
    const { database, path } = walDatabase()
    const checkpointer = startCheckpointer(database, path, 50)
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    write(database)
    // The commit left the rows in the log; the thread copies them into the file.
    expect(await until(() => statSync(path).size >= 2 * 1024 * 1024, 5_000)).toBe(true)
    expect(database.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 512 })
    await checkpointer.stop()
    database.close()
  })

  it('without the thread, the same commit stays in the log (what the test above would see without it)', () => {
    const { database, path } = walDatabase()
    database.pragma('wal_autocheckpoint = 0')
    write(database)
    expect(statSync(path).size).toBeLessThan(1024 * 1024)
    database.close()
  })

  it('closing the database at the end of a script lets it finish (the thread is waited for)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidenote-ckpt-'))
    dirs.push(dir)
    const connectUrl = new URL('./connect.ts', import.meta.url).href
    // Top-level await on close() with nothing else pending: an unreferenced thread's exit would
    // never be waited for, and Node would end the script with "unsettled top-level await" (13).
    const script = `import { connect } from ${JSON.stringify(connectUrl)}
const handle = connect({ sqlitePath: ${JSON.stringify(join(dir, 'db.sqlite'))} })
await handle.close()
console.log('closed')`
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout.trim()).toBe('closed')
  })

  it('hands checkpoints back to the server connection, with a warning, when the thread fails', async () => {
    const { database } = walDatabase()
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve))
    const checkpointer = startCheckpointer(database, join(tmpdir(), 'no-such-dir-sidenote', 'x.sqlite'), 50)
    const warning = await warned
    expect(warning.message).toMatch(/checkpoint thread failed/)
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    await checkpointer.stop()
    database.close()
  })
})
