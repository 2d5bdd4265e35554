import { Worker } from 'node:worker_threads'
import type SQLite from 'better-sqlite3'

/** How often the checkpointer copies the write-ahead log back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 500
/** SQLite's own default: a checkpoint by the committing connection once the log holds this many pages. */
const AUTO_CHECKPOINT_PAGES = 1000

export interface Checkpointer {
  /** Stops the thread after its current checkpoint and closes its connection. */
  stop(): Promise<void>
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. better-sqlite3 is synchronous, and by default
 * the connection that commits past 1,000 log pages runs the checkpoint there and then, copying
 * pages and syncing the file while every request waits: under a steady stream of audited reads,
 * that was most of the stalls over 8 ms. The server's connection stops checkpointing by itself
 * and a worker thread with its own connection checkpoints every half second instead, PASSIVE so
 * it never blocks the server's readers or writers. If the thread fails, the server's connection
 * checkpoints by itself again (nothing is lost either way: the log holds every commit until it
 * is copied), and the failure is reported as a process warning.
 */
export function startCheckpointer(
  database: SQLite.Database,
  path: string,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): Checkpointer {
  database.pragma('wal_autocheckpoint = 0')
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { path, intervalMs },
    // Plain JavaScript: none of the parent's flags (a TypeScript loader, an --eval's options) apply.
    execArgv: [],
  })
  // A checkpoint is housekeeping: it never keeps the process alive.
  worker.unref()
  let stopping = false
  // The thread ended without being asked to: the server's connection checkpoints by itself again.
  const handBack = () => {
    if (!stopping && database.open) database.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`)
  }
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  worker.on('error', (error) => {
    handBack()
    process.emitWarning(
      `The SQLite checkpoint thread failed (${error.message}); the server's connection checkpoints by itself again.`,
      { code: 'SIDENOTE_CHECKPOINTER' },
    )
  })
  worker.on('exit', handBack)
  return {
    async stop() {
      if (stopping) return
      stopping = true
      // Held open until the thread has closed its connection, or a caller awaiting this would see
      // the process end under it.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}
