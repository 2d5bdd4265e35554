import type { Transaction, Updateable } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { Database, ProvidersTable } from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** The practice's registry entries (active or not), oldest first. */
export async function listProviderRows(db: Executor, practiceId: string): Promise<ProvidersTable[]> {
  return db
    .selectFrom('providers')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('created_at')
    .orderBy('registry_id')
    .execute()
}

/** One entry by the practice's short id; another practice's entry is never found. */
export async function findProviderRow(
  db: Executor,
  practiceId: string,
  registryId: string,
): Promise<ProvidersTable | undefined> {
  return db
    .selectFrom('providers')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('registry_id', '=', registryId)
    .executeTakeFirst()
}

/** The provider the practice drafts with when the clinician names none (null: the server's engine). */
export async function findDraftingProvider(db: Executor, practiceId: string): Promise<string | null> {
  const row = await db
    .selectFrom('practices')
    .select('drafting_provider')
    .where('id', '=', practiceId)
    .executeTakeFirst()
  return row?.drafting_provider ?? null
}

export async function setDraftingProvider(
  trx: Executor,
  practiceId: string,
  providerId: string | null,
): Promise<void> {
  await trx
    .updateTable('practices')
    .set({ drafting_provider: providerId })
    .where('id', '=', practiceId)
    .execute()
}

export async function insertProviderRow(trx: Executor, row: ProvidersTable): Promise<void> {
  await trx.insertInto('providers').values(row).execute()
}

export async function updateProviderRow(
  trx: Executor,
  id: string,
  patch: Updateable<ProvidersTable>,
): Promise<ProvidersTable> {
  return trx.updateTable('providers').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

/** Lock the practice row so two registry changes (one default each) run one after the other. */
export async function lockPracticeRow(
  trx: Transaction<Database>,
  postgres: boolean,
  practiceId: string,
): Promise<void> {
  // SQLite serialises write transactions already; PostgreSQL needs the row lock.
  if (!postgres) return
  await trx.selectFrom('practices').select('id').where('id', '=', practiceId).forUpdate().execute()
}
