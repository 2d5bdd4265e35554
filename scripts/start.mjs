// `npm start`: on a fresh machine, installs dependencies, builds the web app, and starts the
// server on the embedded SQLite database with a demo practice (logins printed once).
import { spawn } from 'node:child_process'
import { ensureDependencies, ensureWebBuild } from './prepare-env.mjs'

ensureDependencies()
ensureWebBuild()
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  stdio: 'inherit',
  env: { SIDENOTE_DEMO: 'true', ...process.env },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code) => process.exit(code ?? 1))
