import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { ConsentsTable, Database } from '../../platform/db/schema.js'
import type { ConsentKind } from './consent.schema.js'

type Executor = Db | Transaction<Database>

/** Store a new consent row (scope, signer already encrypted). */
export async function insertConsent(db: Executor, row: ConsentsTable): Promise<void> {
  await db.insertInto('consents').values(row).execute()
}

/** One consent of the practice, or undefined (another practice's consent is not found). */
export async function findConsent(
  db: Executor,
  practiceId: string,
  consentId: string,
): Promise<ConsentsTable | undefined> {
  return db
    .selectFrom('consents')
    .selectAll()
    .where('id', '=', consentId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/** A client's consents (optionally of some kinds, optionally unrevoked only), newest signature first. */
export async function findClientConsents(
  db: Executor,
  query: { practiceId: string; clientId: string; kinds?: readonly ConsentKind[]; unrevoked?: boolean },
): Promise<ConsentsTable[]> {
  let q = db
    .selectFrom('consents')
    .selectAll()
    .where('practice_id', '=', query.practiceId)
    .where('client_id', '=', query.clientId)
  if (query.kinds) q = q.where('kind', 'in', [...query.kinds])
  if (query.unrevoked) q = q.where('revoked_at', 'is', null)
  return q.orderBy('signed_at', 'desc').orderBy('created_at', 'desc').execute()
}

/** Mark a consent revoked unless it already is; false when it already was. */
export async function markRevoked(
  db: Executor,
  consentId: string,
  revocation: { at: string; by: string; reasonEnc: string },
): Promise<boolean> {
  const result = await db
    .updateTable('consents')
    .set({
      revoked_at: revocation.at,
      revoked_by: revocation.by,
      revocation_reason_enc: revocation.reasonEnc,
    })
    .where('id', '=', consentId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
