import type { Kysely } from 'kysely'

/**
 * Notes review and signing (issue 3). Forward-only.
 * - encounters.options_enc: the parse options the clinician gave (speaker roles, the group member
 *   the note is for) — speaker labels are names, so they are encrypted like the transcript.
 * - notes.billing_enc: the billing suggestion as signed (codes, minutes), kept apart from the
 *   note text so the billing view never decrypts clinical content.
 * - notes.cosign_attestation: the supervisor's attestation text at co-signature.
 * - jobs_lease: finds expired leases without scanning finished jobs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('encounters').addColumn('options_enc', 'text').execute()
  await db.schema.alterTable('notes').addColumn('billing_enc', 'text').execute()
  await db.schema.alterTable('notes').addColumn('cosign_attestation', 'text').execute()
  await db.schema.createIndex('jobs_lease').on('jobs').columns(['state', 'locked_until']).execute()
}
