import { z } from 'zod'
import { Role } from '../transcript/utterance.js'

/** Note formats the drafting engines produce. */
export const NoteFormat = z.enum([
  'soap',
  'dap',
  'birp',
  'girp',
  'pie',
  'intake',
  'family',
  'group',
  'supervision',
])
export type NoteFormat = z.infer<typeof NoteFormat>

export const StatementStatus = z.enum(['supported', 'unsupported', 'clinician-input'])
export type StatementStatus = z.infer<typeof StatementStatus>

/** Evidence ids point at utterances (`u12`) or clinician-entered input (`c3`). */
export const EvidenceId = z
  .string()
  .regex(/^[uc]\d+$/, 'evidence ids look like u12 (utterance) or c3 (clinician input)')

/** One drafted sentence and the evidence it rests on. */
export const Statement = z.object({
  text: z.string().min(1),
  evidence: z.array(EvidenceId),
  support: z.number().min(0).max(1).optional(),
  status: StatementStatus.optional(),
  /** Why the verifier judged the statement as it did (e.g. "number 20 not in evidence"). */
  reasons: z.array(z.string()).optional(),
})
export type Statement = z.infer<typeof Statement>

export const Section = z.object({
  key: z.string().min(1),
  title: z.string().min(1),
  statements: z.array(Statement),
  /** Shown when the section has no statements: "Not addressed in this session." */
  note: z.string().optional(),
})
export type Section = z.infer<typeof Section>

export const Polarity = z.enum(['positive', 'denied'])
export type Polarity = z.infer<typeof Polarity>

/** Whose risk or statement a flag concerns. */
export const FlagSubject = z.enum(['client', 'family', 'group-member', 'third-party', 'clinician'])
export type FlagSubject = z.infer<typeof FlagSubject>

/**
 * A finding for the clinician: `risk.*` (risk language, positive or denied) or `scope.*` (a clinical
 * determination nobody in the session stated). Flags never trigger an action by Sidenote.
 */
export const Flag = z.object({
  kind: z.string().regex(/^(risk|scope)\.[a-z_]+$/),
  polarity: Polarity.optional(),
  evidence: z.array(EvidenceId),
  excerpt: z.string(),
  subject: FlagSubject.optional(),
  /** Speaker label of the person the flag is about, when that person is in the session. */
  speaker: z.string().optional(),
  /** For scope flags: the section key and statement index the finding is in. */
  section: z.string().optional(),
  statement: z.number().int().nonnegative().optional(),
  /** Plain-language explanation for the reviewer. */
  note: z.string().optional(),
})
export type Flag = z.infer<typeof Flag>

export const Billing = z.object({
  minutes: z.number().int().nonnegative().nullable(),
  service: z.string(),
  suggested: z.array(z.string()),
  rationale: z.string(),
  /** Add-on codes that may apply but are never chosen on their own. */
  addOns: z.array(z.object({ code: z.string(), note: z.string() })).default([]),
})
export type Billing = z.infer<typeof Billing>

export const Omission = z.object({
  kind: z.enum(['risk', 'medication', 'measure', 'plan']),
  evidence: z.array(EvidenceId),
  excerpt: z.string(),
})
export type Omission = z.infer<typeof Omission>

/** A fact the clinician entered (diagnosis, plan, dictated line); statements cite it as `c1`, `c2`, ... */
export const ClinicianInput = z.object({
  id: z.string().regex(/^c\d+$/),
  text: z.string().min(1),
  /** What the clinician entered it as, e.g. "diagnosis", "plan", "mse". */
  field: z.string().optional(),
  author: z.string().optional(),
})
export type ClinicianInput = z.infer<typeof ClinicianInput>

export const DraftSpeaker = z.object({ label: z.string(), role: Role })

/** The draft contract of DESIGN.md §5: produced by `sidenote draft`, read and written by `sidenote verify`. */
export const Draft = z.object({
  format: NoteFormat,
  engine: z.object({ name: z.string(), version: z.string() }).passthrough(),
  transcript: z
    .object({
      utterances: z.number().int().nonnegative(),
      minutes: z.number().int().nonnegative().nullable(),
      speakers: z.array(DraftSpeaker),
    })
    .passthrough(),
  sections: z.array(Section),
  flags: z.array(Flag).default([]),
  billing: Billing.optional(),
  warnings: z.array(z.string()).default([]),
  omissions: z.array(Omission).optional(),
  clinicianInput: z.array(ClinicianInput).optional(),
})
export type Draft = z.infer<typeof Draft>
