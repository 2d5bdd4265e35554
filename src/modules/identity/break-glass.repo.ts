import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { BreakGlassTable, Database } from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** A client of this practice (id only: break-glass never reads the record itself). */
export async function findClientInPractice(db: Executor, practiceId: string, clientId: string) {
  return db
    .selectFrom('clients')
    .select(['id', 'practice_id'])
    .where('id', '=', clientId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * The user already has ordinary access: on the client's care team, or supervising someone who is.
 * (The same two routes `canAccessClient` in records follows; break-glass is for everyone else.)
 */
export async function hasOrdinaryAccess(db: Executor, clientId: string, userId: string): Promise<boolean> {
  const direct = await db
    .selectFrom('care_team')
    .select('user_id')
    .where('client_id', '=', clientId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  if (direct) return true
  const viaSupervisee = await db
    .selectFrom('care_team as c')
    .innerJoin('supervision_links as l', 'l.supervisee_id', 'c.user_id')
    .select('c.user_id')
    .where('c.client_id', '=', clientId)
    .where('l.supervisor_id', '=', userId)
    .executeTakeFirst()
  return viaSupervisee !== undefined
}

export async function insertGrant(trx: Executor, row: BreakGlassTable): Promise<void> {
  await trx.insertInto('break_glass').values(row).execute()
}

/**
 * The grant that gives this user emergency access to this client at this instant, if any: the
 * one rule `canAccessClient` needs (started, not yet expired; a review finding it inappropriate
 * ends it by moving `expires_at` to the review time).
 */
export async function findActiveGrant(db: Executor, userId: string, clientId: string, now: string) {
  return db
    .selectFrom('break_glass')
    .select(['id', 'practice_id', 'expires_at'])
    .where('user_id', '=', userId)
    .where('client_id', '=', clientId)
    .where('started_at', '<=', now)
    .where('expires_at', '>', now)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst()
}

/** A practice's grants, newest first, with the holder's name; only unreviewed ones if asked. */
export async function listGrants(db: Executor, practiceId: string, unreviewedOnly: boolean) {
  let query = db
    .selectFrom('break_glass as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select('u.display_name as user_name')
    .where('g.practice_id', '=', practiceId)
  if (unreviewedOnly) query = query.where('g.reviewed_at', 'is', null)
  return query.orderBy('g.started_at', 'desc').orderBy('g.id').execute()
}

export async function findGrantInPractice(db: Executor, practiceId: string, id: string) {
  return db
    .selectFrom('break_glass as g')
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .selectAll('g')
    .select('u.display_name as user_name')
    .where('g.id', '=', id)
    .where('g.practice_id', '=', practiceId)
    .executeTakeFirst()
}

/** Record the review; false when another review got there first (each grant is reviewed once). */
export async function markGrantReviewed(
  trx: Executor,
  id: string,
  review: { by: string; at: string; noteEnc: string; expiresAt: string },
): Promise<boolean> {
  const r = await trx
    .updateTable('break_glass')
    .set({
      reviewed_by: review.by,
      reviewed_at: review.at,
      review_note_enc: review.noteEnc,
      expires_at: review.expiresAt,
    })
    .where('id', '=', id)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}
