import type { JobHandlers } from '../modules/jobs/index.js'
import { type NotesJobOptions, notesJobHandlers } from '../modules/notes/index.js'
import { draftingEngineForJob } from '../modules/providers/index.js'

/**
 * Every background job kind the server runs, composed once for main.ts and the tests. The drafting
 * engine is the practice's (`engineForPractice`, bound to each job's client and session so the
 * consent checks can run); tests may pass their own.
 */
export function jobHandlers(options: NotesJobOptions = {}): JobHandlers {
  return notesJobHandlers({ draftingEngineFor: options.draftingEngineFor ?? draftingEngineForJob() })
}
