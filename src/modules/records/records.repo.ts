import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { ClientsTable, Database, EncountersTable } from '../../platform/db/schema.js'
import type { Actor } from '../identity/index.js'
import { accessibleClientIds } from './access.js'

type Executor = Db | Transaction<Database>

/** Store a new client row (name, date of birth, external id already encrypted). */
export async function insertClient(db: Executor, row: ClientsTable): Promise<void> {
  await db.insertInto('clients').values(row).execute()
}

/** Change a client's columns (encrypted values already sealed). */
export async function updateClientRow(
  db: Executor,
  clientId: string,
  changes: Partial<Pick<ClientsTable, 'name_enc' | 'dob_enc' | 'external_id_enc' | 'part2' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('clients').set(changes).where('id', '=', clientId).execute()
}

/** The practice's clients in creation order: all of them, or those the actor has clinical access to. */
export async function findClients(
  db: Executor,
  actor: Actor,
  options: { all: boolean; at: string },
): Promise<ClientsTable[]> {
  let q = db.selectFrom('clients').selectAll().where('practice_id', '=', actor.practiceId)
  if (!options.all) q = q.where('clients.id', 'in', accessibleClientIds(actor, options.at))
  return q.orderBy('created_at').orderBy('id').execute()
}

/** A client's care team with each member's name and roles. */
export async function findCareTeam(db: Executor, clientId: string) {
  return db
    .selectFrom('care_team as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select(['c.user_id', 'c.added_at', 'u.display_name', 'u.roles'])
    .where('c.client_id', '=', clientId)
    .orderBy('c.added_at')
    .orderBy('c.user_id')
    .execute()
}

/** Users of a practice by id (for care team changes): id, roles, disabled. */
export async function findPracticeUsers(db: Executor, practiceId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return []
  return db
    .selectFrom('users')
    .select(['id', 'roles', 'disabled'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...userIds])
    .execute()
}

/** Replace a client's care team: remove who left, add who joined; returns the counts. */
export async function replaceCareTeam(
  trx: Executor,
  input: { practiceId: string; clientId: string; userIds: readonly string[]; at: string },
): Promise<{ added: number; removed: number }> {
  const current = await trx
    .selectFrom('care_team')
    .select('user_id')
    .where('client_id', '=', input.clientId)
    .execute()
  const before = new Set(current.map((r) => r.user_id))
  const after = new Set(input.userIds)
  const removed = [...before].filter((id) => !after.has(id))
  const added = [...after].filter((id) => !before.has(id))
  if (removed.length > 0)
    await trx
      .deleteFrom('care_team')
      .where('client_id', '=', input.clientId)
      .where('user_id', 'in', removed)
      .execute()
  if (added.length > 0)
    await trx
      .insertInto('care_team')
      .values(
        added.map((userId) => ({
          practice_id: input.practiceId,
          client_id: input.clientId,
          user_id: userId,
          added_at: input.at,
        })),
      )
      .execute()
  return { added: added.length, removed: removed.length }
}

/** Store a new encounter (transcript and options already encrypted). */
export async function insertEncounter(db: Executor, row: EncountersTable): Promise<void> {
  await db.insertInto('encounters').values(row).execute()
}

/** An encounter of the practice, or undefined. */
export async function findEncounter(
  db: Executor,
  practiceId: string,
  encounterId: string,
): Promise<EncountersTable | undefined> {
  return db
    .selectFrom('encounters')
    .selectAll()
    .where('id', '=', encounterId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * Signed notes of a practice whose date of service falls in the range, with who signed and
 * co-signed: the billing view's rows. Only the encrypted billing column is read, never note text.
 */
export async function findSignedForBilling(
  db: Executor,
  practiceId: string,
  range: { from: string; to: string },
) {
  return db
    .selectFrom('notes as n')
    .innerJoin('encounters as e', 'e.id', 'n.encounter_id')
    .innerJoin('users as s', 's.id', 'n.signed_by')
    .leftJoin('users as c', 'c.id', 'n.cosigned_by')
    .select([
      'n.id as note_id',
      'n.encounter_id',
      'n.client_id',
      'n.signed_at',
      'n.billing_enc',
      'e.occurred_at',
      'e.service',
      'e.minutes',
      's.display_name as signer_name',
      'c.display_name as cosigner_name',
    ])
    .where('n.practice_id', '=', practiceId)
    .where('n.state', '=', 'signed')
    .where('e.occurred_at', '>=', range.from)
    .where('e.occurred_at', '<=', range.to)
    .orderBy('e.occurred_at')
    .orderBy('n.id')
    .execute()
}
