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

/** What a consent covers; the shape depends on its kind. */
export const ConsentScope = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ai-processing'),
    /** Which material may be processed. */
    recordings: z.boolean(),
    transcripts: z.boolean(),
    /** External AI providers (by registry id) the client agreed to; empty = in-process engine only. */
    providers: z.array(z.string()).default([]),
  }),
  z.object({
    kind: z.literal('part2-disclosure'),
    /** The named recipient (a person or organisation, or a provider registry id for AI). */
    recipient: z.string().min(1).max(300),
    purposes: z.array(Part2Purpose).min(1),
    /** The kind and amount of information, in the client's consent's words. */
    information: z.string().min(1).max(1000),
  }),
  z.object({
    kind: z.literal('sud-counseling-notes'),
    recipient: z.string().min(1).max(300),
    purpose: z.string().min(1).max(500),
  }),
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
