import { expressionBuilder, type Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { ClientsTable, Database } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAuditNow } from '../audit/index.js'
import type { Actor, UserRole } from '../identity/index.js'

type Executor = Db | Transaction<Database>

/**
 * The ids of the clients the actor has clinical access to, as a subquery: on the care team, or
 * supervising a supervisee who is, or holding an active break-glass grant — always within the
 * actor's practice. `canAccessClient` and every list use this one definition.
 */
export function accessibleClientIds(actor: Pick<Actor, 'userId' | 'practiceId'>, at: string) {
  const eb = expressionBuilder<Database, never>()
  const viaTeam = eb
    .selectFrom('care_team')
    .select('care_team.client_id')
    .where('care_team.practice_id', '=', actor.practiceId)
    .where((w) =>
      w.or([
        w('care_team.user_id', '=', actor.userId),
        w(
          'care_team.user_id',
          'in',
          w
            .selectFrom('supervision_links')
            .select('supervision_links.supervisee_id')
            .where('supervision_links.supervisor_id', '=', actor.userId)
            .where('supervision_links.practice_id', '=', actor.practiceId),
        ),
      ]),
    )
  const viaGrant = eb
    .selectFrom('break_glass')
    .select('break_glass.client_id')
    .where('break_glass.practice_id', '=', actor.practiceId)
    .where('break_glass.user_id', '=', actor.userId)
    .where('break_glass.started_at', '<=', at)
    .where('break_glass.expires_at', '>', at)
  return viaTeam.union(viaGrant)
}

/**
 * Clinical access to a client (API plan, "Who sees what"): same practice AND (on the client's care
 * team, OR supervisor of a supervisee on the care team, OR an active, unexpired break-glass grant
 * for this user and client). Roles are checked at the route; this is the record-level rule.
 */
export async function canAccessClient(
  db: Executor,
  actor: Actor,
  clientId: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString()
  const row = await db
    .selectFrom('clients')
    .select('clients.id')
    .where('clients.id', '=', clientId)
    .where('clients.practice_id', '=', actor.practiceId)
    .where('clients.id', 'in', accessibleClientIds(actor, at))
    .executeTakeFirst()
  return row !== undefined
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

/** Record a refused access to a client's records (ids and the route only, never PHI). */
export async function auditDenied(
  deps: Pick<Deps, 'db' | 'dbKind' | 'clock'>,
  ctx: AuditContext,
  target: { type: string; id: string; clientId: string },
  route: string,
  reason: string,
): Promise<void> {
  await recordAuditNow(deps, ctx, {
    action: 'access.denied',
    outcome: 'denied',
    targetType: target.type,
    targetId: target.id,
    clientId: target.clientId,
    details: { route, reason },
  })
}

export const NO_CLINICAL_ACCESS =
  "You do not have clinical access to this client. Ask to be added to the client's care team."

/**
 * Guard for a client's records: the client must be in the actor's practice (else NOT_FOUND) and the
 * actor must have clinical access (else FORBIDDEN, audited as access.denied). Roles in `also` pass
 * without clinical access, where the route's purpose needs them: the admin for demographics and
 * care teams, the privacy officer for consents and disclosures — never for note text.
 */
export async function requireClientAccess(
  deps: Pick<Deps, 'db' | 'dbKind' | 'clock'>,
  ctx: AuditContext,
  actor: Actor,
  clientId: string,
  options: { route: string; also?: readonly UserRole[] },
): Promise<ClientsTable> {
  const client = await findPracticeClient(deps.db, actor.practiceId, clientId)
  if (!client) throw new AppError('NOT_FOUND', 'Client not found.')
  if (options.also?.some((role) => actor.roles.includes(role))) return client
  if (await canAccessClient(deps.db, actor, clientId, deps.clock.now())) return client
  await auditDenied(
    deps,
    ctx,
    { type: 'client', id: clientId, clientId },
    options.route,
    'no-clinical-access',
  )
  throw new AppError('FORBIDDEN', NO_CLINICAL_ACCESS)
}

/** The roles that oversee a client's consents and disclosures without clinical access. */
export const OVERSIGHT: readonly UserRole[] = ['admin', 'privacy_officer']
