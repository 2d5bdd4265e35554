/**
 * Work measured or generated in a Node child process of its own: the load generators (so that the
 * server under test, on this process's event loop, is what gets measured; spawned asynchronously
 * for the same reason) and each de-identification tool's throughput (so that neither tool's heap
 * shapes the other's). Shared by bench/autocannon.ts, bench/open-loop.ts and bench/deid.bench.ts.
 */
import { spawn } from 'node:child_process'

/**
 * Runs `node ...args`, whose stdout is one JSON document, and returns it parsed; throws with the
 * child's stderr, naming `what`, if it exits non-zero.
 */
export async function runNodeForJson<T>(args: string[], what: string): Promise<T> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8')
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8')
  })
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`${what} failed: ${stderr}`)
  return JSON.parse(stdout) as T
}
