import { z } from 'zod'

/** A job's life: queued → running → done | failed (running → queued again when its lease expires). */
export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled'])
export type JobState = z.infer<typeof JobState>

/** What went wrong, as the user may read it: an error code and its public (PHI-free) message. */
export const JobError = z.object({ code: z.string(), message: z.string() })
export type JobError = z.infer<typeof JobError>

/**
 * What a job's payload may hold: ids and options, never PHI (the payload is stored in clear).
 * `clientId` and `requestedBy` decide who may read the job's progress.
 */
export const JobPayloadRefs = z
  .object({
    clientId: z.string().optional(),
    noteId: z.string().optional(),
    requestedBy: z.string().optional(),
  })
  .passthrough()
export type JobPayloadRefs = z.infer<typeof JobPayloadRefs>

/** `GET /api/jobs/:id`: progress 0–100 with the current stage, and the note it works on. */
export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  state: JobState,
  progress: z.number().int().min(0).max(100),
  stage: z.string().nullable(),
  noteId: z.string().nullable(),
  error: JobError.nullable(),
  attempts: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type JobView = z.infer<typeof JobView>

export const JobParams = z.object({ id: z.uuid() })
