// The SQLite checkpointer's thread (see checkpointer.ts): its own connection to the database file,
// copying the write-ahead log back into the database every `intervalMs` with a PASSIVE checkpoint,
// which never waits for the server's readers or writers. On "stop" it closes its connection and
// ends. A failing checkpoint throws, which ends the thread with an error the parent handles.
// Plain JavaScript, so the thread starts the same under tsx, the test runner or plain Node.
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

/** @type {{ path: string, intervalMs: number }} */
const { path, intervalMs } = workerData
if (!parentPort) throw new Error('checkpoint-worker runs as a worker thread')
const port = parentPort
const database = new SQLite(path, { fileMustExist: true })
database.pragma('busy_timeout = 5000')

const timer = setInterval(() => database.pragma('wal_checkpoint(PASSIVE)'), intervalMs)

port.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  database.close()
  port.close()
})
