import type { Command } from 'commander'
import { z } from 'zod'
import { recordAuditNow } from '../../modules/audit/index.js'
import { resolveMasterKey, rotateMasterKey } from '../../platform/crypto.js'
import { EXIT } from '../io.js'
import { parseFlags } from '../options.js'
import { type Io, runCommand } from '../run.js'
import { OPERATOR_CONTEXT, openOperatorDeps } from './operator.js'

const RotateFlags = z.object({ json: z.boolean().default(false) })

/**
 * `sidenote keys rotate`: a new master key re-wraps every data key (one transaction) and a fresh
 * data key takes new writes; existing ciphertext stays readable. The new key goes to the key file
 * (owner-only); the old file is kept as `<file>.old` until the operator deletes it. When the key
 * came from SIDENOTE_MASTER_KEY, the environment must be updated before the next start. The key
 * itself is never printed.
 */
export function keysRotateCommand(rawFlags: unknown, io: Io, env: NodeJS.ProcessEnv = process.env) {
  return runCommand(io, async () => {
    const flags = parseFlags(RotateFlags, rawFlags)
    const { deps, config } = await openOperatorDeps(env)
    try {
      const fromEnv = Boolean(config.masterKey)
      const oldKey = await resolveMasterKey(deps.db, { masterKey: config.masterKey, keyFile: config.keyFile })
      const result = await rotateMasterKey(deps.db, { keyFile: config.keyFile, oldKey }, () =>
        deps.clock.now(),
      )
      await recordAuditNow(deps, OPERATOR_CONTEXT, {
        action: 'keys.rotated',
        details: { kekId: result.kekId, dataKeys: result.dataKeys, source: fromEnv ? 'env' : 'file' },
      })
      const steps = fromEnv
        ? [
            'The old master key came from SIDENOTE_MASTER_KEY and no longer opens this database.',
            `The new key is in ${config.keyFile} (readable by this user only). Before the next start,`,
            '  set SIDENOTE_MASTER_KEY to the contents of that file in your secret store, or unset it so',
            '  the file is used; then remove the file if the secret store now holds the key.',
          ]
        : [
            `The new key is in ${config.keyFile}; the previous one is in ${config.keyFile}.old.`,
            '  Delete the .old file once no backup you may restore needs it.',
          ]
      steps.push('Restart every Sidenote process so that all of them write with the new data key.')
      if (flags.json)
        io.out(
          `${JSON.stringify({ kekId: result.kekId, dataKeys: result.dataKeys, keyFile: config.keyFile, source: fromEnv ? 'env' : 'file', nextSteps: steps }, null, 2)}\n`,
        )
      else
        io.out(
          `Master key rotated: ${result.dataKeys} data keys wrapped under key ${result.kekId}.\n${steps.join('\n')}\n`,
        )
      return EXIT.ok
    } finally {
      await deps.close()
    }
  })
}

export function registerKeys(program: Command, io: Io): void {
  const keys = program.command('keys').description('Manage the master key that protects data at rest')
  keys
    .command('rotate')
    .description('Rotate the master key: re-wrap every data key and start a new data key')
    .option('--json', 'print the result as JSON', false)
    .action(async (flags: Record<string, unknown>) => {
      process.exitCode = await keysRotateCommand(flags, io)
    })
}
