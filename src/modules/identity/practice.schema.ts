import { z } from 'zod'

export const TranscriptRetention = z.enum(['delete-after-sign', 'keep'])
export type TranscriptRetention = z.infer<typeof TranscriptRetention>

/** A practice's settings, as every signed-in user of it may read them. */
export const PracticeView = z.object({
  id: z.string(),
  name: z.string(),
  requireMfa: z.boolean(),
  transcriptRetention: TranscriptRetention,
})
export type PracticeView = z.infer<typeof PracticeView>

export const UpdatePracticeInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    requireMfa: z.boolean(),
    transcriptRetention: TranscriptRetention,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
export type UpdatePracticeInput = z.infer<typeof UpdatePracticeInput>
