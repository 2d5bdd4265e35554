import { z } from 'zod'

/** Where a provider runs, which decides what may be sent to it. */
export const Locality = z.enum(['in-process', 'practice-network', 'hosted'])
export type Locality = z.infer<typeof Locality>

export const ProviderKind = z.enum(['embedded', 'openai-compatible'])
export type ProviderKind = z.infer<typeof ProviderKind>

/** A calendar date (2027-03-31) or an instant with offset. */
export const DateLike = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

/** A Business Associate Agreement with the organisation that runs a hosted provider. */
export const Baa = z.object({
  signedAt: DateLike,
  /** The BAA is no longer in force from this date on; absent while it runs without an end date. */
  expiresAt: DateLike.optional(),
  /** The practice's reference for the signed document (contract number, file name). */
  reference: z.string().trim().min(1),
})
export type Baa = z.infer<typeof Baa>

/**
 * One AI provider in a practice's registry. Secrets are never part of it: `apiKeyRef` names where
 * the key lives (an environment variable or a secret id), never the key.
 */
export const ProviderConfig = z
  .object({
    id: z.string().trim().min(1),
    name: z.string().trim().min(1),
    kind: ProviderKind,
    baseUrl: z.url({ protocol: /^https?$/ }).optional(),
    model: z.string().trim().min(1).optional(),
    locality: Locality,
    baa: Baa.optional(),
    apiKeyRef: z.string().min(1).optional(),
    /**
     * De-identify text before it leaves for a practice-network provider (default true). Hosted
     * providers always get de-identified text, whatever this says.
     */
    deidentify: z.boolean().default(true),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'embedded' && p.locality !== 'in-process')
      ctx.addIssue({ code: 'custom', path: ['locality'], message: 'the embedded engine runs in-process' })
    if (p.kind === 'openai-compatible') {
      if (p.locality === 'in-process')
        ctx.addIssue({
          code: 'custom',
          path: ['locality'],
          message: 'an HTTP provider is on the practice network or hosted, never in-process',
        })
      if (!p.baseUrl) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: 'a base URL is required' })
      if (!p.model) ctx.addIssue({ code: 'custom', path: ['model'], message: 'a model name is required' })
    }
  })
export type ProviderConfig = z.output<typeof ProviderConfig>
export type ProviderConfigInput = z.input<typeof ProviderConfig>

/** What is about to leave, as far as the egress guard needs to know. */
export const EgressData = z.object({
  containsPhi: z.boolean(),
  /** The record is a 42 CFR Part 2 record (client or session flagged). */
  part2: z.boolean(),
  /** The client's Part 2 consent names this provider (or its class of recipient) for this purpose. */
  part2ConsentCoversProvider: z.boolean(),
})
export type EgressData = z.infer<typeof EgressData>

/** The egress guard's answer; a refusal carries the code the caller throws with. */
export type EgressDecision =
  | { allowed: true; reason: string; deidentify: boolean }
  | { allowed: false; reason: string; deidentify: true; code: 'EGRESS_REFUSED' | 'CONSENT_REQUIRED' }

/** Kinds of data that leave the process; never the data itself. */
export const EgressCategory = z.enum([
  'transcript-deidentified',
  'transcript-identified',
  'audio',
  'text-without-phi',
])
export type EgressCategory = z.infer<typeof EgressCategory>

/** Who received (or would have received) the data. */
export const EgressRecipient = z.object({
  providerId: z.string(),
  name: z.string(),
  host: z.string().nullable(),
  locality: Locality,
})
export type EgressRecipient = z.infer<typeof EgressRecipient>

/**
 * One audited call to a provider: what category of data, to whom, how much, and whether it left.
 * Written before any byte is sent, so a call that cannot be audited is not made. Never the text.
 */
export const EgressAuditEvent = z
  .object({
    type: z.literal('ai.egress'),
    purpose: z.enum(['draft', 'transcription', 'audio-deleted']),
    category: EgressCategory,
    part2: z.boolean(),
    recipient: EgressRecipient,
    characters: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative().optional(),
    outcome: z.enum(['sent', 'refused', 'deleted']),
    /** Why a call was refused (policy text, no PHI). */
    reason: z.string().optional(),
    attempt: z.number().int().positive().optional(),
    at: z.iso.datetime(),
  })
  .strict()
export type EgressAuditEvent = z.infer<typeof EgressAuditEvent>

/** The caller's audit sink (the server's hash-chained log; the CLI's stderr in verbose mode). */
export type EgressAudit = (event: EgressAuditEvent) => void | Promise<void>

/** Token counts as the server reported them; null when it did not say. */
export const TokenCounts = z.object({
  prompt: z.number().int().nonnegative().nullable(),
  completion: z.number().int().nonnegative().nullable(),
})
export type TokenCounts = z.infer<typeof TokenCounts>

/** Where a draft came from; carried as `draft.engine.provenance`, shown with the note and exported. */
export const Provenance = z.object({
  provider: z.string(),
  providerName: z.string().optional(),
  locality: Locality,
  model: z.string(),
  promptVersion: z.string(),
  promptSha256: z.string().regex(/^[0-9a-f]{64}$/),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  tokens: TokenCounts,
  /** Model answers requested (not counting transport retries of one request). */
  attempts: z.number().int().nonnegative(),
  /** The text sent had identifiers replaced by placeholders. */
  deidentified: z.boolean(),
  /** Set when the model's draft was not used and the embedded engine drafted instead: why. */
  fallback: z.string().optional(),
})
export type Provenance = z.infer<typeof Provenance>
