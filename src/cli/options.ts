import { z } from 'zod'
import { Service } from '../core/billing/index.js'
import { NoteFormat } from '../core/drafting/draft.schema.js'
import { type ParseOptions, parseRolesOption, TranscriptFormat } from '../core/transcript/index.js'
import { AppError } from '../platform/errors.js'

/** Flags shared by commands that read a transcript. */
export const TranscriptFlags = z.object({
  roles: z.string().optional(),
  minutes: z.coerce.number().int().min(0).max(1440).optional(),
  input: TranscriptFormat.optional(),
})
export type TranscriptFlags = z.infer<typeof TranscriptFlags>

export const DraftFlags = TranscriptFlags.extend({
  format: NoteFormat.default('soap'),
  json: z.boolean().default(false),
  member: z.string().min(1).optional(),
  service: Service.optional(),
  maxWords: z.coerce.number().int().min(50).max(2000).optional(),
})
export type DraftFlags = z.infer<typeof DraftFlags>

/** Validate flags with a message that names the flag, listing every problem at once. */
export function parseFlags<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const result = schema.safeParse(raw)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (i) => `--${String(i.path[0] ?? '?').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`,
  )
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid option${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`,
  )
}

/** Parse options for the transcript parser from validated flags. */
export function parseOptionsFrom(flags: TranscriptFlags): ParseOptions {
  return {
    ...(flags.roles ? { roles: parseRolesOption(flags.roles) } : {}),
    ...(flags.minutes !== undefined ? { minutes: flags.minutes } : {}),
    ...(flags.input ? { format: flags.input } : {}),
  }
}
