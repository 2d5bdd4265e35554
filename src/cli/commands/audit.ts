import type { Command } from 'commander'
import { z } from 'zod'
import {
  type AuditEventView,
  type ChainVerdict,
  RangeEnd,
  RangeStart,
  readWholeAuditLog,
  recordVerification,
  verifyAuditChain,
} from '../../modules/audit/index.js'
import { findUserByEmail } from '../../modules/identity/index.js'
import { AppError } from '../../platform/errors.js'
import { EXIT } from '../io.js'
import { parseFlags } from '../options.js'
import { type Io, runCommand } from '../run.js'
import { OPERATOR_CONTEXT, openOperatorDeps } from './operator.js'

/** `audit verify` exits 1 when the chain is broken (0 intact, 2 unusable). */
export const CHAIN_BROKEN = 1

const VerifyFlags = z.object({ json: z.boolean().default(false) })

const ReportFlags = z.object({
  from: RangeStart,
  to: RangeEnd,
  /** A user id or email. */
  user: z.string().trim().min(1).optional(),
  practice: z.uuid().optional(),
  json: z.boolean().default(false),
})

/** A database error while reading is "could not verify", never "intact" or "broken". */
async function reading<T>(what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body()
  } catch (error) {
    if (error instanceof AppError) throw error
    throw new AppError(
      'BAD_REQUEST',
      `Could not read the ${what}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
}

/** Record the operator's read; a read-only database must not stop the verdict from printing. */
async function tryRecord(io: Io, record: () => Promise<unknown>): Promise<void> {
  try {
    await record()
  } catch {
    io.err('sidenote: warning: could not record this check in the audit log (is the database read-only?)\n')
  }
}

function describeProblem(v: ChainVerdict): string {
  const p = v.problem!
  const named = p.eventId ? ` (id ${p.eventId}, ${p.action} at ${p.at})` : ''
  return [
    `Audit log BROKEN: event ${p.seq}${named} — ${p.kind}.`,
    `  ${p.message}`,
    `  Events before ${p.seq} verify; nothing from event ${p.seq} on can be trusted.`,
  ].join('\n')
}

/**
 * `sidenote audit verify`: walk the hash chain and name the first altered, removed, inserted or
 * truncated event. Exit 0 intact, 1 broken, 2 when the database cannot be opened or read.
 */
export function auditVerifyCommand(rawFlags: unknown, io: Io, env: NodeJS.ProcessEnv = process.env) {
  return runCommand(io, async () => {
    const flags = parseFlags(VerifyFlags, rawFlags)
    const { deps } = await openOperatorDeps(env)
    try {
      const verdict = await reading('audit log', () => verifyAuditChain(deps.db))
      await tryRecord(io, () => recordVerification(deps, OPERATOR_CONTEXT, verdict, { via: 'cli' }))
      if (flags.json) io.out(`${JSON.stringify(verdict, null, 2)}\n`)
      else
        io.out(
          verdict.ok
            ? `Audit log intact: ${verdict.events} events, head hash ${verdict.headHash}.\n`
            : `${describeProblem(verdict)}\n`,
        )
      return verdict.ok ? EXIT.ok : CHAIN_BROKEN
    } finally {
      await deps.close()
    }
  })
}

function line(e: AuditEventView): string {
  const who = e.actorId ? `${e.actorId} (${e.actorRole ?? '?'})` : (e.actorRole ?? '-')
  const target = e.targetType ? `${e.targetType}:${e.targetId ?? ''}` : '-'
  return [String(e.seq).padStart(7), e.at, e.action.padEnd(24), e.outcome.padEnd(8), who, target]
    .concat(e.clientId ? [`client:${e.clientId}`] : [])
    .join('  ')
}

/**
 * `sidenote audit report --from --to [--user] [--practice] [--json]`: every matching event,
 * oldest first, across practices unless --practice names one. The report is itself audited.
 */
export function auditReportCommand(rawFlags: unknown, io: Io, env: NodeJS.ProcessEnv = process.env) {
  return runCommand(io, async () => {
    const flags = parseFlags(ReportFlags, rawFlags)
    if (flags.from > flags.to) throw new AppError('VALIDATION_FAILED', '--from is after --to.')
    const { deps } = await openOperatorDeps(env)
    try {
      let actorId: string | undefined
      if (flags.user?.includes('@')) {
        const user = await findUserByEmail(deps.db, flags.user.toLowerCase())
        if (!user) throw new AppError('NOT_FOUND', `No user with the email ${flags.user}.`)
        actorId = user.id
      } else actorId = flags.user
      const events = await reading('audit log', () =>
        readWholeAuditLog(deps, OPERATOR_CONTEXT, {
          practiceId: flags.practice ?? null,
          from: flags.from,
          to: flags.to,
          actorId,
        }),
      )
      if (flags.json) io.out(`${JSON.stringify(events, null, 2)}\n`)
      else
        io.out(
          `${events.length} event${events.length === 1 ? '' : 's'} from ${flags.from} to ${flags.to}\n` +
            events.map((e) => `${line(e)}\n`).join(''),
        )
      return EXIT.ok
    } finally {
      await deps.close()
    }
  })
}

export function registerAudit(program: Command, io: Io): void {
  const audit = program.command('audit').description('Verify and report on the hash-chained audit log')
  audit
    .command('verify')
    .description('Check every event of the audit chain; names the first broken one (exit 0 intact, 1 broken)')
    .option('--json', 'print the verdict as JSON', false)
    .action(async (flags: Record<string, unknown>) => {
      process.exitCode = await auditVerifyCommand(flags, io)
    })
  audit
    .command('report')
    .description('Audit events by time range (and user), oldest first')
    .requiredOption('--from <date>', 'start (a date such as 2026-01-05, or an ISO time)')
    .requiredOption('--to <date>', 'end, inclusive (a date or an ISO time)')
    .option('--user <id-or-email>', 'only events by this user')
    .option('--practice <id>', 'only events of this practice')
    .option('--json', 'print the events as JSON', false)
    .action(async (flags: Record<string, unknown>) => {
      process.exitCode = await auditReportCommand(flags, io)
    })
}
