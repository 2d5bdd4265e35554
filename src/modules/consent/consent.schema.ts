import { z } from 'zod'

/** The consents Sidenote tracks, each per client, documented, revocable. */
export const ConsentKind = z.enum([
  /** AI processing of the client's session recordings/transcripts (rule 6: consent first). */
  'ai-processing',
  /** 42 CFR Part 2: disclosure of substance-use treatment records to a named recipient. */
  'part2-disclosure',
  /** 42 CFR Part 2: a separate consent for SUD counseling notes. */
  'sud-counseling-notes',
])
export type ConsentKind = z.infer<typeof ConsentKind>

export const Part2Purpose = z.enum(['treatment', 'payment', 'health-care-operations', 'other'])
export type Part2Purpose = z.infer<typeof Part2Purpose>

/** What an AI-processing consent covers. */
export const AiProcessingScope = z.object({
  kind: z.literal('ai-processing'),
  /** Which material may be processed. */
  recordings: z.boolean(),
  transcripts: z.boolean(),
  /** External AI providers (by registry id) the client agreed to; empty = in-process engine only. */
  providers: z.array(z.string().min(1).max(100)).max(50).default([]),
})

/** What a Part 2 disclosure consent covers (42 CFR 2.31): recipient, purposes, which information. */
export const Part2DisclosureScope = z.object({
  kind: z.literal('part2-disclosure'),
  /** The named recipient (a person or organisation, or a provider registry id for AI). */
  recipient: z.string().trim().min(1).max(300),
  purposes: z.array(Part2Purpose).min(1),
  /** The kind and amount of information, in the client's consent's words. */
  information: z.string().trim().min(1).max(1000),
  /** An expiration event instead of (or besides) a date, e.g. "end of treatment" (2.31(a)(6)). */
  expirationEvent: z.string().trim().min(1).max(300).optional(),
})

/** What a consent for SUD counseling notes covers; it may not be combined with other consents. */
export const SudCounselingNotesScope = z.object({
  kind: z.literal('sud-counseling-notes'),
  recipient: z.string().trim().min(1).max(300),
  purpose: z.string().trim().min(1).max(500),
  expirationEvent: z.string().trim().min(1).max(300).optional(),
})

/** What a consent covers; the shape depends on its kind. */
export const ConsentScope = z.discriminatedUnion('kind', [
  AiProcessingScope,
  Part2DisclosureScope,
  SudCounselingNotesScope,
])
export type ConsentScope = z.infer<typeof ConsentScope>

export const ConsentMethod = z.enum(['written', 'electronic', 'verbal-documented'])
export type ConsentMethod = z.infer<typeof ConsentMethod>

/** A consent as services and the API see it (decrypted). */
export const Consent = z.object({
  id: z.string(),
  clientId: z.string(),
  kind: ConsentKind,
  scope: ConsentScope,
  method: ConsentMethod,
  /** Who signed: the client or their legal representative, as written on the form. */
  signer: z.string(),
  signedAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** Derived: signed, not expired, not revoked. */
  active: z.boolean(),
})
export type Consent = z.infer<typeof Consent>

const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()])
/** A date or a timestamp; a date means the start of that day (UTC). */
export const StartInstant = Instant.transform((v) =>
  v.length === 10 ? `${v}T00:00:00.000Z` : new Date(v).toISOString(),
)
/** A date or a timestamp; a date means the end of that day (UTC), so the day itself is included. */
export const EndInstant = Instant.transform((v) =>
  v.length === 10 ? `${v}T23:59:59.999Z` : new Date(v).toISOString(),
)

const ConsentFields = {
  method: ConsentMethod,
  signer: z.string().trim().min(1).max(200),
  signedAt: StartInstant,
  expiresAt: EndInstant.nullish(),
}

/** `POST /api/clients/:id/consents`: the consent form as documented; `scope` per kind. */
export const RecordConsentInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ai-processing'),
    scope: AiProcessingScope.omit({ kind: true }),
    ...ConsentFields,
  }),
  z.object({
    kind: z.literal('part2-disclosure'),
    scope: Part2DisclosureScope.omit({ kind: true }),
    ...ConsentFields,
  }),
  z.object({
    kind: z.literal('sud-counseling-notes'),
    scope: SudCounselingNotesScope.omit({ kind: true }),
    ...ConsentFields,
  }),
])
export type RecordConsentInput = z.infer<typeof RecordConsentInput>

/** `POST /api/consents/:id/revoke`. */
export const RevokeConsentInput = z.object({ reason: z.string().trim().min(1).max(1000) })
export type RevokeConsentInput = z.infer<typeof RevokeConsentInput>

export const ClientParams = z.object({ id: z.uuid() })
export const ConsentParams = z.object({ id: z.uuid() })

/** `GET /api/clients/:id/consents`: every consent of the client, newest signature first. */
export const ConsentList = z.object({ consents: z.array(Consent) })
export type ConsentList = z.infer<typeof ConsentList>

/** A request to disclose a client's records: who receives them and why. */
export interface DisclosureRequest {
  recipient: string
  purpose: string
}
