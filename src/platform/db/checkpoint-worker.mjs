// The SQLite checkpointer's thread (see checkpointer.ts): its own connection to the database file,
// copying the write-ahead log back into the database every `intervalMs` with a PASSIVE checkpoint,
// which never waits for the server's readers or writers. Each result ({ busy, log, checkpointed },
// SQLite's wal_checkpoint row) is posted to the parent; on "stop" it closes its connection and ends.
// Plain JavaScript, so the thread starts the same under tsx, the test runner or plain Node.
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

/** @type {{ path: string, intervalMs: number }} */
const { path, intervalMs } = workerData
if (!parentPort) throw new Error('checkpoint-worker runs as a worker thread')
const port = parentPort
const database = new SQLite(path, { fileMustExist: true })
database.pragma('busy_timeout = 5000')

const timer = setInterval(() => {
  const [row] = database.pragma('wal_checkpoint(PASSIVE)')
  if (row) port.postMessage(row)
}, intervalMs)

port.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  database.close()
  port.close()
})
