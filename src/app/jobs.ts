import type { JobHandlers } from '../modules/jobs/index.js'
import {
  DRAFT_NOTE_JOB,
  DraftJobPayload,
  draftNoteJob,
  type NotesJobOptions,
  notesJobHandlers,
} from '../modules/notes/index.js'
import { draftingEngineForJob } from '../modules/providers/index.js'

/**
 * Every background job kind the server runs, composed once for main.ts and the tests. The drafting
 * engine is chosen through `draftingEngineFor`: by default the practice's provider registry
 * (`engineForPractice`, bound to each job's client and session so the consent checks can run);
 * tests may pass their own.
 */
export function jobHandlers(options: NotesJobOptions = {}): JobHandlers {
  const notes = notesJobHandlers(options)
  if (options.draftingEngineFor) return { ...notes }
  const unbound = notes[DRAFT_NOTE_JOB]!
  return {
    ...notes,
    [DRAFT_NOTE_JOB]: {
      run(deps, ctx) {
        const payload = DraftJobPayload.safeParse(ctx.job.payload)
        // An invalid payload fails in the job's own check, before any engine is chosen.
        if (!payload.success) return unbound.run(deps, ctx)
        return draftNoteJob({ draftingEngineFor: draftingEngineForJob(payload.data) }).run(deps, ctx)
      },
      fail: unbound.fail,
    },
  }
}
