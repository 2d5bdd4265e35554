export {
  DRAFT_NOTE_JOB,
  type DraftingEngineFor,
  type DraftingPreflight,
  DraftJobPayload,
  draftNoteJob,
  embeddedEngineFor,
  jobContext,
  type NotesJobOptions,
  notesJobHandlers,
} from './draft-job.js'
export { createEncounter, type NewEncounter } from './encounters.service.js'
export { type NotesRoutesOptions, notesRoutes } from './notes.routes.js'
export * from './notes.schema.js'
export {
  addAddendum,
  COSIGN_ATTESTATION,
  changeNoteStatement,
  cosignNote,
  listNotes,
  readNote,
  redraftNote,
  resolveNoteFlag,
  SIGN_ATTESTATION,
  signNote,
} from './notes.service.js'
