import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { Database, DisclosuresTable } from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** Store a disclosure row (clinical fields already encrypted). */
export async function insertDisclosure(db: Executor, row: DisclosuresTable): Promise<void> {
  await db.insertInto('disclosures').values(row).execute()
}

/** A client's disclosures made within [from, to], newest first. */
export async function findDisclosures(
  db: Executor,
  query: { practiceId: string; clientId: string; from: string; to: string },
): Promise<DisclosuresTable[]> {
  return db
    .selectFrom('disclosures')
    .selectAll()
    .where('practice_id', '=', query.practiceId)
    .where('client_id', '=', query.clientId)
    .where('disclosed_at', '>=', query.from)
    .where('disclosed_at', '<=', query.to)
    .orderBy('disclosed_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute()
}

/** The client and Part 2 flag of a note of the practice (the note's session may be flagged alone). */
export async function findNoteSubject(
  db: Executor,
  practiceId: string,
  noteId: string,
): Promise<{ clientId: string; part2: boolean } | undefined> {
  const row = await db
    .selectFrom('notes')
    .innerJoin('encounters', 'encounters.id', 'notes.encounter_id')
    .select(['notes.client_id as clientId', 'encounters.part2 as part2'])
    .where('notes.id', '=', noteId)
    .where('notes.practice_id', '=', practiceId)
    .executeTakeFirst()
  return row ? { clientId: row.clientId, part2: row.part2 === 1 } : undefined
}

/** The client a consent of the practice belongs to. */
export async function findConsentClient(
  db: Executor,
  practiceId: string,
  consentId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('consents')
    .select('client_id')
    .where('id', '=', consentId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
  return row?.client_id
}
