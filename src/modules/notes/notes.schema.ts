import { z } from 'zod'
import { Service } from '../../core/billing/index.js'
import {
  ClinicianInput,
  Draft,
  EvidenceId,
  Flag,
  NoteFormat,
  Section,
  Statement,
} from '../../core/drafting/draft.schema.js'
import { Role } from '../../core/transcript/index.js'

/** A note's life: drafting (a job runs) → draft (review) → awaiting-cosign (supervisee signed) → signed. */
export const NoteState = z.enum(['drafting', 'failed', 'draft', 'awaiting-cosign', 'signed'])
export type NoteState = z.infer<typeof NoteState>

/** Who wrote a statement: the drafting engine, the engine then the clinician, or the clinician alone. */
export const StatementOrigin = z.enum(['ai', 'edited', 'added'])
export type StatementOrigin = z.infer<typeof StatementOrigin>

/** The clinician keeps an unsupported statement as written, and says why. */
export const StatementResolution = z.object({ reason: z.string(), by: z.string(), at: z.string() })
export type StatementResolution = z.infer<typeof StatementResolution>

/** A drafted statement under review: the Draft statement with a stable id, its origin and any resolution. */
export const ReviewStatement = Statement.extend({
  id: z.string().regex(/^[sa]\d+$/),
  origin: StatementOrigin,
  resolution: StatementResolution.optional(),
})
export type ReviewStatement = z.infer<typeof ReviewStatement>

export const ReviewSection = Section.extend({ statements: z.array(ReviewStatement) })
export type ReviewSection = z.infer<typeof ReviewSection>

/** How the clinician resolved a flag: a finding confirmed, or dismissed as mistaken, with a reason. */
export const FlagResolution = z.object({
  action: z.enum(['confirm', 'dismiss']),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
})
export type FlagResolution = z.infer<typeof FlagResolution>

export const ReviewFlag = Flag.extend({
  /** For scope flags: the statement the finding is in (its index moves as statements are added or removed). */
  statementId: z.string().optional(),
  resolution: FlagResolution.optional(),
})
export type ReviewFlag = z.infer<typeof ReviewFlag>

/** A statement the clinician removed, kept for the diff and the record of the review. */
export const RemovedStatement = z.object({
  id: z.string(),
  section: z.string(),
  text: z.string(),
  origin: StatementOrigin,
  reason: z.string().nullable(),
  by: z.string(),
  at: z.string(),
})
export type RemovedStatement = z.infer<typeof RemovedStatement>

/**
 * The working draft of a note: the Draft contract of DESIGN.md §5 (any reader of a Draft can read
 * it) plus what the review adds — statement ids, origins, resolutions, removed statements.
 */
export const NoteDraft = Draft.extend({
  sections: z.array(ReviewSection),
  flags: z.array(ReviewFlag).default([]),
  removed: z.array(RemovedStatement).default([]),
})
export type NoteDraft = z.infer<typeof NoteDraft>

/** What still stands between a draft and a signature. */
export const Blocker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('unsupported-statement'),
    section: z.string(),
    index: z.number().int(),
    statementId: z.string(),
  }),
  z.object({
    kind: z.literal('scope-flag'),
    flagIndex: z.number().int(),
    flagKind: z.string(),
    section: z.string().nullable(),
    statementId: z.string().nullable(),
  }),
])
export type Blocker = z.infer<typeof Blocker>

/** One line of the statement-level diff between the AI draft and the signed note. */
export const DiffEntry = z.object({
  section: z.string(),
  change: z.enum(['unchanged', 'edited', 'removed', 'added']),
  statementId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
})
export type DiffEntry = z.infer<typeof DiffEntry>

export const NoteDiff = z.object({
  entries: z.array(DiffEntry),
  summary: z.object({
    unchanged: z.number().int(),
    edited: z.number().int(),
    removed: z.number().int(),
    added: z.number().int(),
  }),
  /** The diff as text a person reads: "  " unchanged, "- " before, "+ " after, per section. */
  text: z.string(),
})
export type NoteDiff = z.infer<typeof NoteDiff>

export const TranscriptView = z.object({
  retained: z.boolean(),
  deletedAt: z.string().nullable(),
  format: z.string().nullable(),
  minutes: z.number().int().nullable(),
  speakers: z.array(z.object({ label: z.string(), role: Role })),
  utterances: z.array(
    z.object({
      id: z.string(),
      speaker: z.string(),
      role: Role,
      start: z.number().nullable(),
      end: z.number().nullable(),
      text: z.string(),
    }),
  ),
})
export type TranscriptView = z.infer<typeof TranscriptView>

/**
 * What a note read says about its session's transcript. The utterances themselves are a resource
 * of their own (`GET /api/notes/:id/transcript`): a 50-minute session is some 80 KB of JSON that
 * every read and every review change would otherwise carry.
 */
export const TranscriptStatus = TranscriptView.pick({ retained: true, deletedAt: true, format: true })
export type TranscriptStatus = z.infer<typeof TranscriptStatus>

export const Signature = z.object({
  signedBy: z.string(),
  signedAt: z.string(),
  attestation: z.string(),
  reviewSeconds: z.number().int().nullable(),
  cosignRequired: z.boolean(),
  cosignedBy: z.string().nullable(),
  cosignedAt: z.string().nullable(),
  cosignAttestation: z.string().nullable(),
})
export type Signature = z.infer<typeof Signature>

export const AddendumView = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
})
export type AddendumView = z.infer<typeof AddendumView>

/** `GET /api/notes/:id`: everything the review screen shows. */
export const NoteView = z.object({
  id: z.string(),
  clientId: z.string(),
  encounterId: z.string(),
  authorId: z.string(),
  format: NoteFormat,
  state: NoteState,
  version: z.number().int(),
  encounter: z.object({
    occurredAt: z.string(),
    service: z.string(),
    minutes: z.number().int().nullable(),
    source: z.string(),
    part2: z.boolean(),
  }),
  /** The working draft (state draft), or the signed content (awaiting-cosign, signed); null while drafting. */
  draft: NoteDraft.nullable(),
  blockers: z.array(Blocker),
  provenance: z.record(z.string(), z.unknown()).nullable(),
  transcript: TranscriptStatus,
  signature: Signature.nullable(),
  /** The statement-level diff from the AI draft to the signed note (once signed). */
  diff: NoteDiff.nullable(),
  addenda: z.array(AddendumView),
  reviewStartedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type NoteView = z.infer<typeof NoteView>

export const NoteSummary = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  encounterId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  format: NoteFormat,
  state: NoteState,
  occurredAt: z.string(),
  signedAt: z.string().nullable(),
  cosignRequired: z.boolean(),
  version: z.number().int(),
})
export type NoteSummary = z.infer<typeof NoteSummary>

export const NoteList = z.object({ notes: z.array(NoteSummary) })
export type NoteList = z.infer<typeof NoteList>

/** `GET /api/notes`: filters; `queue=cosign` lists your supervisees' notes awaiting your co-signature. */
export const NoteListQuery = z.object({
  clientId: z.uuid().optional(),
  state: NoteState.optional(),
  queue: z.literal('cosign').optional(),
})
export type NoteListQuery = z.infer<typeof NoteListQuery>

export const NoteParams = z.object({ id: z.uuid() })
export const ClientParams = z.object({ id: z.uuid() })

const Version = z.number().int().min(1)
const Reason = z.string().trim().min(3).max(1000)

/** `PATCH /api/notes/:id/statements`: one change; the verifier and the scope guard re-run on it. */
export const StatementChangeInput = z.discriminatedUnion('action', [
  z.object({
    version: Version,
    action: z.literal('edit'),
    section: z.string().min(1).max(40),
    index: z.number().int().min(0),
    text: z.string().trim().min(1).max(2000),
    /** New evidence ids; omitted, the statement keeps its evidence. */
    evidence: z.array(EvidenceId).max(50).optional(),
  }),
  z.object({
    version: Version,
    action: z.literal('remove'),
    section: z.string().min(1).max(40),
    index: z.number().int().min(0),
    reason: Reason.optional(),
  }),
  z.object({
    version: Version,
    action: z.literal('confirm'),
    section: z.string().min(1).max(40),
    index: z.number().int().min(0),
    reason: Reason,
  }),
  z.object({
    version: Version,
    action: z.literal('add'),
    section: z.string().min(1).max(40),
    /** Where to insert; omitted, at the end of the section. */
    index: z.number().int().min(0).optional(),
    text: z.string().trim().min(1).max(2000),
    /** Transcript evidence; omitted, the statement is the clinician's own input (cited as its own evidence). */
    evidence: z.array(EvidenceId).min(1).max(50).optional(),
  }),
])
export type StatementChangeInput = z.infer<typeof StatementChangeInput>

/** `POST /api/notes/:id/flags/resolve`. */
export const ResolveFlagInput = z.object({
  version: Version,
  flagIndex: z.number().int().min(0),
  action: z.enum(['confirm', 'dismiss']),
  reason: Reason,
})
export type ResolveFlagInput = z.infer<typeof ResolveFlagInput>

/** `POST /api/notes/:id/redraft`. */
export const RedraftInput = z.object({ format: NoteFormat })
export type RedraftInput = z.infer<typeof RedraftInput>

/** `POST /api/notes/:id/sign`. */
export const SignNoteInput = z.object({ version: Version, attestation: z.literal(true) })
export type SignNoteInput = z.infer<typeof SignNoteInput>

/** `POST /api/notes/:id/cosign`. */
export const CosignNoteInput = z.object({ attestation: z.literal(true) })
export type CosignNoteInput = z.infer<typeof CosignNoteInput>

/** `POST /api/notes/:id/addenda`. */
export const AddendumInput = z.object({ text: z.string().trim().min(1).max(10_000) })
export type AddendumInput = z.infer<typeof AddendumInput>

/** The fields of a new encounter, whether the text comes as JSON or as an uploaded file. */
export const EncounterFields = z.object({
  occurredAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString()),
  service: Service,
  /** Session length; omitted, it comes from the transcript's timestamps or stated duration. */
  minutes: z.number().int().min(1).max(600).optional(),
  noteFormat: NoteFormat,
  /** Group notes: the speaker label of the member the note is for. */
  member: z.string().trim().min(1).max(200).optional(),
  /** A session transcript (needs the client's AI-processing consent) or the clinician's own dictation. */
  source: z.enum(['transcript', 'dictation']),
  /** Speaker label → role, where the transcript's labels leave roles open. */
  roles: z.record(z.string().min(1).max(200), Role).optional(),
  /** This session is a 42 CFR Part 2 record even if the client is not flagged. */
  part2: z.boolean().optional(),
  /** An AI provider from the practice's registry (issue 4); omitted, the practice's drafting default (the embedded engine unless set). */
  providerId: z.string().min(1).max(100).optional(),
})
export type EncounterFields = z.infer<typeof EncounterFields>

/** `POST /api/clients/:id/encounters`: the fields and the pasted transcript or dictation. */
export const EncounterInput = EncounterFields.extend({ text: z.string().min(1) })
export type EncounterInput = z.infer<typeof EncounterInput>

/** Multipart form fields arrive as text: the same fields, coerced. */
export const EncounterUploadFields = EncounterFields.extend({
  minutes: z.coerce.number().int().min(1).max(600).optional(),
  part2: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  roles: z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown
      } catch {
        ctx.addIssue({ code: 'custom', message: 'roles must be a JSON object of label → role' })
        return z.NEVER
      }
    })
    .pipe(z.record(z.string().min(1).max(200), Role))
    .optional(),
})

/** 202: drafting has started; poll the job, then open the note. */
export const EncounterAccepted = z.object({ encounterId: z.string(), noteId: z.string(), jobId: z.string() })
export type EncounterAccepted = z.infer<typeof EncounterAccepted>

/** 202 of a redraft. */
export const RedraftAccepted = z.object({ noteId: z.string(), jobId: z.string(), version: z.number().int() })
export type RedraftAccepted = z.infer<typeof RedraftAccepted>

/** What the encounter keeps besides the transcript, encrypted: the options to parse it the same way again. */
export const StoredParseOptions = z.object({
  encoding: z.enum(['utf8', 'base64']),
  roles: z.record(z.string(), Role).optional(),
  member: z.string().optional(),
  minutes: z.number().int().optional(),
  service: Service.optional(),
  providerId: z.string().optional(),
})
export type StoredParseOptions = z.infer<typeof StoredParseOptions>

export { ClinicianInput }
