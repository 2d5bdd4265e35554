import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { ClientsTable, Database } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAuditNow } from '../audit/index.js'
import type { Actor } from '../identity/index.js'

type Executor = Db | Transaction<Database>

/**
 * Clinical access to a client, as the API plan defines it: same practice AND (on the care team, OR
 * supervisor of a supervisee on the care team, OR an active break-glass grant).
 * Stand-in until `src/modules/records/access.ts` lands; then this delegates to it.
 */
export async function canAccessClient(
  db: Executor,
  actor: Actor,
  clientId: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString()
  const client = await db
    .selectFrom('clients')
    .select('id')
    .where('id', '=', clientId)
    .where('practice_id', '=', actor.practiceId)
    .executeTakeFirst()
  if (!client) return false
  const onTeam = await db
    .selectFrom('care_team')
    .select('user_id')
    .where('client_id', '=', clientId)
    .where('practice_id', '=', actor.practiceId)
    .where((eb) =>
      eb.or([
        eb('user_id', '=', actor.userId),
        eb(
          'user_id',
          'in',
          eb
            .selectFrom('supervision_links')
            .select('supervisee_id')
            .where('supervisor_id', '=', actor.userId)
            .where('practice_id', '=', actor.practiceId),
        ),
      ]),
    )
    .executeTakeFirst()
  if (onTeam) return true
  const grant = await db
    .selectFrom('break_glass')
    .select('id')
    .where('user_id', '=', actor.userId)
    .where('client_id', '=', clientId)
    .where('practice_id', '=', actor.practiceId)
    .where('started_at', '<=', at)
    .where('expires_at', '>', at)
    .executeTakeFirst()
  return grant !== undefined
}

/** The client row of the actor's practice; another practice's client is "not found", never "forbidden". */
export async function findPracticeClient(
  db: Executor,
  practiceId: string,
  clientId: string,
): Promise<ClientsTable | undefined> {
  return db
    .selectFrom('clients')
    .selectAll()
    .where('id', '=', clientId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * Guard for a client's records: the client must be in the actor's practice (else NOT_FOUND) and the
 * actor must have clinical access, or, when `oversight` allows it, be an admin or privacy officer.
 * A refusal is audited (`access.denied`, with the client id and no PHI).
 */
export async function requireClientAccess(
  deps: Pick<Deps, 'db' | 'dbKind' | 'clock'>,
  ctx: AuditContext,
  actor: Actor,
  clientId: string,
  options: { oversight: boolean; route: string },
): Promise<ClientsTable> {
  const client = await findPracticeClient(deps.db, actor.practiceId, clientId)
  if (!client) throw new AppError('NOT_FOUND', 'Client not found.')
  const overseer =
    options.oversight && (actor.roles.includes('admin') || actor.roles.includes('privacy_officer'))
  if (overseer || (await canAccessClient(deps.db, actor, clientId, deps.clock.now()))) return client
  await recordAuditNow(deps, ctx, {
    action: 'access.denied',
    outcome: 'denied',
    targetType: 'client',
    targetId: clientId,
    clientId,
    details: { route: options.route, reason: 'no-clinical-access' },
  })
  throw new AppError(
    'FORBIDDEN',
    "You do not have clinical access to this client. Ask to be added to the client's care team.",
  )
}
