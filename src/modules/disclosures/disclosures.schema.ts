import { z } from 'zod'
import { EndInstant, StartInstant } from '../consent/index.js'

/**
 * A disclosure of a client's PHI, with the fields an accounting of disclosures must give for each
 * (45 CFR 164.528(b)(2)): the date, the recipient's name and address if known, a brief description
 * of the PHI disclosed, and a brief statement of the purpose (or the request it answered).
 */
export const Disclosure = z.object({
  id: z.string(),
  clientId: z.string(),
  disclosedAt: z.string(),
  recipient: z.string(),
  recipientAddress: z.string().nullable(),
  description: z.string(),
  purpose: z.string(),
  /** The consent the disclosure was made under (Part 2 disclosures need one). */
  consentId: z.string().nullable(),
  /** The note disclosed, when it was one note (exports). */
  noteId: z.string().nullable(),
  /** The user who made the disclosure. */
  madeBy: z.string(),
  /** A 42 CFR Part 2 record was disclosed. */
  part2: z.boolean(),
  createdAt: z.string(),
})
export type Disclosure = z.infer<typeof Disclosure>

/** `POST /api/clients/:id/disclosures`: a disclosure made outside Sidenote (fax, mail, portal). */
export const RecordDisclosureInput = z.object({
  /** When it was made; defaults to now. */
  disclosedAt: StartInstant.optional(),
  recipient: z.string().trim().min(1).max(300),
  recipientAddress: z.string().trim().min(1).max(500).nullish(),
  description: z.string().trim().min(1).max(2000),
  purpose: z.string().trim().min(1).max(1000),
  consentId: z.uuid().nullish(),
  noteId: z.uuid().nullish(),
})
export type RecordDisclosureInput = z.infer<typeof RecordDisclosureInput>

/** `GET /api/clients/:id/disclosures?from=&to=`: by default the six years before the request. */
export const DisclosureQuery = z.object({
  from: StartInstant.optional(),
  to: EndInstant.optional(),
})
export type DisclosureQuery = z.infer<typeof DisclosureQuery>

/** An accounting of disclosures for one client over a window, newest first. */
export const DisclosureAccounting = z.object({
  clientId: z.string(),
  from: z.string(),
  to: z.string(),
  disclosures: z.array(Disclosure),
})
export type DisclosureAccounting = z.infer<typeof DisclosureAccounting>

export const ClientParams = z.object({ id: z.uuid() })

/** What a service records for a disclosure (plain text; encrypted by the service). */
export interface NewDisclosure {
  practiceId: string
  clientId: string
  disclosedAt: string
  recipient: string
  recipientAddress: string | null
  description: string
  purpose: string
  consentId: string | null
  noteId: string | null
  madeBy: string
  part2: boolean
  /** How it was recorded, for the audit event. */
  source: 'export' | 'manual'
}

/** The accounting covers the six years before the request unless a shorter window is asked for. */
export const ACCOUNTING_YEARS = 6
