import { z } from 'zod'

export const ExportFormat = z.enum(['pdf', 'txt'])
export type ExportFormat = z.infer<typeof ExportFormat>

/**
 * Who an export is for. Without a recipient it is a copy for the practice; with one it is a
 * disclosure (recorded in the accounting) and needs a purpose. A Part 2 record always needs a
 * recipient, a purpose and a consent that covers both.
 */
export const ExportRequest = z
  .object({
    recipient: z.string().trim().min(1).max(300).optional(),
    recipientAddress: z.string().trim().min(1).max(500).optional(),
    purpose: z.string().trim().min(1).max(500).optional(),
    consentId: z.uuid().optional(),
  })
  .superRefine((r, ctx) => {
    if (r.recipient && !r.purpose)
      ctx.addIssue({
        code: 'custom',
        path: ['purpose'],
        message: 'a disclosure to a recipient needs a purpose',
      })
    if (!r.recipient && (r.purpose || r.recipientAddress || r.consentId))
      ctx.addIssue({ code: 'custom', path: ['recipient'], message: 'name the recipient' })
  })
export type ExportRequest = z.infer<typeof ExportRequest>

export const NoteParams = z.object({ id: z.uuid() })

/** A rendered export, ready to send. */
export interface ExportFile {
  body: Buffer
  contentType: string
  filename: string
}
