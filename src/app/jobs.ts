import type { JobHandlers } from '../modules/jobs/index.js'
import { type NotesJobOptions, notesJobHandlers } from '../modules/notes/index.js'

/**
 * Every background job kind the server runs, composed once for main.ts and the tests. The drafting
 * engine is chosen through `draftingEngineFor` (default: the embedded engine); the providers
 * registry plugs its per-practice `engineForPractice` in here.
 */
export function jobHandlers(options: NotesJobOptions = {}): JobHandlers {
  return { ...notesJobHandlers(options) }
}
