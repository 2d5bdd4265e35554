import type { Kysely } from 'kysely'

/**
 * The AI provider registry per practice (issue 4). Forward-only.
 * - providers.registry_id: the practice's short id for the provider ("office-llm"), the id that
 *   consents, provenance and the API use; unique within a practice (the primary key stays global).
 * - providers.api_key_ref: the name of the environment variable holding the key (never the key);
 *   a key given to the API is stored encrypted in the existing api_key_enc instead.
 * - providers.deidentify: de-identify before sending to a practice-network provider (hosted
 *   providers always get de-identified text, whatever this says).
 * - practices.drafting_provider: the provider the practice drafts with when the clinician names
 *   none (a registry id, 'embedded' or 'server'); null means the server's configured engine.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('providers').addColumn('registry_id', 'text').execute()
  await db.schema.alterTable('providers').addColumn('api_key_ref', 'text').execute()
  await db.schema
    .alterTable('providers')
    .addColumn('deidentify', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema.alterTable('practices').addColumn('drafting_provider', 'text').execute()
  await db.schema
    .createIndex('providers_practice_registry_id')
    .on('providers')
    .columns(['practice_id', 'registry_id'])
    .unique()
    .execute()
}
