import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { Database } from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** The practice's transcript policy: keep transcripts, or delete them once the note is signed. */
export const TranscriptRetention = {
  keep: 'keep',
  deleteAfterSign: 'delete-after-sign',
} as const

/** An encounter's transcript state and its practice's policy. */
export async function findEncounterRetention(
  db: Executor,
  encounterId: string,
): Promise<
  { id: string; practiceId: string; clientId: string; hasTranscript: boolean; policy: string } | undefined
> {
  const row = await db
    .selectFrom('encounters as e')
    .innerJoin('practices as p', 'p.id', 'e.practice_id')
    .select(['e.id', 'e.practice_id', 'e.client_id', 'e.transcript_enc', 'p.transcript_retention'])
    .where('e.id', '=', encounterId)
    .executeTakeFirst()
  return row
    ? {
        id: row.id,
        practiceId: row.practice_id,
        clientId: row.client_id,
        hasTranscript: row.transcript_enc !== null,
        policy: row.transcript_retention,
      }
    : undefined
}

/**
 * Encounters whose transcript is still stored although the practice deletes transcripts after
 * signing, a note of the encounter was signed by `signedBefore`, and no note of it is still
 * being drafted, reviewed or waiting for its co-signature (those still read the transcript).
 */
export async function findExpiredTranscripts(
  db: Executor,
  signedBefore: string,
): Promise<{ id: string; practiceId: string; clientId: string }[]> {
  return db
    .selectFrom('encounters as e')
    .innerJoin('practices as p', 'p.id', 'e.practice_id')
    .select(['e.id', 'e.practice_id as practiceId', 'e.client_id as clientId'])
    .where('e.transcript_enc', 'is not', null)
    .where('p.transcript_retention', '!=', TranscriptRetention.keep)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('notes as n')
          .select('n.id')
          .whereRef('n.encounter_id', '=', 'e.id')
          .where('n.state', '=', 'signed')
          .where('n.signed_at', '<=', signedBefore),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notes as o')
            .select('o.id')
            .whereRef('o.encounter_id', '=', 'e.id')
            .where('o.state', 'in', ['drafting', 'draft', 'awaiting-cosign']),
        ),
      ),
    )
    .orderBy('e.practice_id')
    .orderBy('e.id')
    .execute()
}

/** Delete an encounter's transcript (ciphertext gone, deletion time kept); false if already gone. */
export async function clearTranscript(db: Executor, encounterId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('encounters')
    .set({ transcript_enc: null, transcript_deleted_at: at })
    .where('id', '=', encounterId)
    .where('transcript_enc', 'is not', null)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
