import type { Kysely } from 'kysely'

/**
 * A covering index for the note list (issue 3, note list under load). Forward-only.
 * A note row holds its encrypted draft, signed text and diff before the columns the list shows
 * (signed_at, cosign_required, version), so reading those walked each row's overflow pages: a list
 * of 100 notes cost ~2 ms in SQLite alone. Every column the list reads is in this index (practice
 * and client first, as the list filters), so the list never opens a note row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('notes_listing')
    .on('notes')
    .columns([
      'practice_id',
      'client_id',
      'author_id',
      'state',
      'id',
      'encounter_id',
      'format',
      'signed_at',
      'cosign_required',
      'version',
    ])
    .execute()
}
