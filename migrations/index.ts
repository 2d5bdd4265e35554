import type { Migration } from 'kysely'
import * as initial from './0001_initial.js'
import * as notesReview from './0002_notes_review.js'
import * as providerRegistry from './0003_provider_registry.js'
import * as notesListing from './0004_notes_listing.js'

/** Every migration, in order. Forward-only: add new ones at the end, never edit a released one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_notes_review': notesReview,
  '0003_provider_registry': providerRegistry,
  '0004_notes_listing': notesListing,
}
