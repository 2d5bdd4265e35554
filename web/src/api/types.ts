// The API's shapes as the web app reads them (docs/api-plan.md; the server's Zod schemas are the truth).

export type UserRole = 'admin' | 'clinician' | 'supervisor' | 'supervisee' | 'biller' | 'privacy_officer'

export interface SessionView {
  user: { id: string; displayName: string; email: string; roles: UserRole[] }
  practice: { id: string; name: string; requireMfa: boolean }
  mfaVerified: boolean
  mfaEnabled: boolean
  mfaEnrollmentRequired: boolean
  csrfToken: string
  idleTimeoutSeconds: number
  expiresAt: string
}

export interface LoginResult {
  next: 'mfa' | 'enroll-mfa' | 'done'
  session: SessionView
}

export interface MfaEnrollment {
  secret: string
  otpauthUri: string
}

export interface CareTeamMember {
  userId: string
  displayName: string
  roles: UserRole[]
  addedAt: string
}

export interface ClientSummary {
  id: string
  name: string
  dateOfBirth: string | null
  externalId: string | null
  part2: boolean
  createdAt: string
  updatedAt: string
}

export interface Client extends ClientSummary {
  careTeam: CareTeamMember[]
}

export type ConsentKind = 'ai-processing' | 'part2-disclosure' | 'sud-counseling-notes'
export type ConsentMethod = 'written' | 'electronic' | 'verbal-documented'
export type Part2Purpose = 'treatment' | 'payment' | 'health-care-operations' | 'other'

export type ConsentScope =
  | { kind: 'ai-processing'; recordings: boolean; transcripts: boolean; providers: string[] }
  | {
      kind: 'part2-disclosure'
      recipient: string
      purposes: Part2Purpose[]
      information: string
      expirationEvent?: string
    }
  | { kind: 'sud-counseling-notes'; recipient: string; purpose: string; expirationEvent?: string }

export interface Consent {
  id: string
  clientId: string
  kind: ConsentKind
  scope: ConsentScope
  method: ConsentMethod
  signer: string
  signedAt: string
  expiresAt: string | null
  revokedAt: string | null
  revocationReason: string | null
  createdBy: string
  createdAt: string
  active: boolean
}

export type NoteFormat =
  | 'soap'
  | 'dap'
  | 'birp'
  | 'girp'
  | 'pie'
  | 'intake'
  | 'family'
  | 'group'
  | 'supervision'
export type StatementStatus = 'supported' | 'unsupported' | 'clinician-input'

export interface Statement {
  /** Stable within the note: s1… (drafted) or a1… (added by the clinician). */
  id: string
  text: string
  evidence: string[]
  support?: number
  status?: StatementStatus
  reasons?: string[]
  origin: 'ai' | 'edited' | 'added'
  /** The clinician kept an unsupported statement as written, and said why. */
  resolution?: { reason: string; by: string; at: string }
}

export interface Section {
  key: string
  title: string
  statements: Statement[]
  note?: string
}

export interface Flag {
  kind: string
  polarity?: 'positive' | 'denied'
  evidence: string[]
  excerpt: string
  subject?: string
  speaker?: string
  section?: string
  statement?: number
  statementId?: string
  note?: string
  resolution?: { action: 'confirm' | 'dismiss'; reason: string; by: string; at: string }
}

export interface Omission {
  kind: 'risk' | 'medication' | 'measure' | 'plan'
  evidence: string[]
  excerpt: string
}

export interface Billing {
  minutes: number | null
  service: string
  suggested: string[]
  rationale: string
  addOns: { code: string; note: string }[]
}

export interface NoteDraft {
  format: NoteFormat
  engine: { name: string; version: string; [key: string]: unknown }
  transcript: { utterances: number; minutes: number | null; speakers: { label: string; role: string }[] }
  sections: Section[]
  flags: Flag[]
  billing?: Billing
  warnings: string[]
  omissions?: Omission[]
  clinicianInput?: { id: string; text: string; field?: string; author?: string }[]
  removed: {
    id: string
    section: string
    text: string
    origin: string
    reason: string | null
    by: string
    at: string
  }[]
}

export type Blocker =
  | { kind: 'unsupported-statement'; section: string; index: number; statementId: string }
  | {
      kind: 'scope-flag'
      flagIndex: number
      flagKind: string
      section: string | null
      statementId: string | null
    }

export interface Utterance {
  id: string
  speaker: string
  role: string
  start: number | null
  end: number | null
  text: string
}

/** `GET /api/notes/:id/transcript`: the session transcript a note's statements cite. */
export interface TranscriptView {
  retained: boolean
  deletedAt: string | null
  format: string | null
  minutes: number | null
  speakers: { label: string; role: string }[]
  utterances: Utterance[]
}

/** What a note read says of its transcript; the utterances are loaded from their own route. */
export type TranscriptStatus = Pick<TranscriptView, 'retained' | 'deletedAt' | 'format'>

export interface Signature {
  signedBy: string
  signedAt: string
  attestation: string
  reviewSeconds: number | null
  cosignRequired: boolean
  cosignedBy: string | null
  cosignedAt: string | null
  cosignAttestation: string | null
}

export interface Addendum {
  id: string
  authorId: string
  authorName: string
  text: string
  createdAt: string
}

export interface NoteDiff {
  entries: {
    section: string
    change: 'unchanged' | 'edited' | 'removed' | 'added'
    statementId: string
    before: string | null
    after: string | null
  }[]
  summary: { unchanged: number; edited: number; removed: number; added: number }
  text: string
}

export type NoteState = 'drafting' | 'failed' | 'draft' | 'awaiting-cosign' | 'signed'

/** `GET /api/notes/:id`: everything the review screen shows. */
export interface Note {
  id: string
  clientId: string
  encounterId: string
  authorId: string
  format: NoteFormat
  state: NoteState
  version: number
  encounter: { occurredAt: string; service: string; minutes: number | null; source: string; part2: boolean }
  draft: NoteDraft | null
  blockers: Blocker[]
  provenance: Record<string, unknown> | null
  transcript: TranscriptStatus
  signature: Signature | null
  diff: NoteDiff | null
  addenda: Addendum[]
  reviewStartedAt: string | null
  createdAt: string
  updatedAt: string
}

export interface NoteSummary {
  id: string
  clientId: string
  clientName: string
  encounterId: string
  authorId: string
  authorName: string
  format: NoteFormat
  state: NoteState
  occurredAt: string
  signedAt: string | null
  cosignRequired: boolean
  version: number
}

export interface Job {
  id: string
  kind: string
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'
  progress: number
  stage: string | null
  noteId: string | null
  error: { code: string; message: string } | null
  attempts: number
}

export interface EncounterAccepted {
  encounterId: string
  noteId: string
  jobId: string
}

export interface UserView {
  id: string
  email: string
  displayName: string
  roles: UserRole[]
  disabled: boolean
  mfaEnabled: boolean
  locked: boolean
  createdAt: string
  updatedAt: string
}

export interface SupervisionLink {
  supervisorId: string
  supervisorName: string
  superviseeId: string
  superviseeName: string
  createdAt: string
}

export interface PracticeSettings {
  id: string
  name: string
  requireMfa: boolean
  transcriptRetention: 'delete-after-sign' | 'keep'
}

export interface BreakGlassGrant {
  id: string
  clientId: string
  userId: string
  startedAt: string
  expiresAt: string
  userName?: string
  reason?: string
  active?: boolean
  review?: { by: string; at: string; appropriate: boolean; note: string } | null
}

export interface AuditEvent {
  seq: number
  id: string
  at: string
  actorId: string | null
  actorRole: string | null
  action: string
  outcome: string
  targetType: string | null
  targetId: string | null
  clientId: string | null
  ip: string | null
  requestId: string | null
  details: Record<string, unknown>
}

export interface AuditPage {
  events: AuditEvent[]
  nextBeforeSeq: number | null
}

export interface ChainVerdict {
  ok: boolean
  events: number
  headHash: string
  problem?: { kind: string; seq: number; message: string; eventId?: string; action?: string; at?: string }
}

export interface Disclosure {
  id: string
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
  createdAt: string
}

export interface DisclosureAccounting {
  clientId: string
  from: string
  to: string
  disclosures: Disclosure[]
}

export interface ApiToken {
  id: string
  userId: string
  userName: string
  name: string
  scopes: string[]
  createdAt: string
  expiresAt: string | null
  lastUsedAt: string | null
  revokedAt: string | null
  status: 'active' | 'expired' | 'revoked'
  secret?: string
}

export type Locality = 'in-process' | 'practice-network' | 'hosted'

export interface Provider {
  id: string
  name: string
  kind: 'embedded' | 'openai-compatible'
  baseUrl?: string
  model?: string
  locality: Locality
  baa?: { signedAt: string; expiresAt?: string; reference: string }
  apiKeyRef?: string
  deidentify?: boolean
  /** Derived by the server: may PHI go there now (BAA in force, or not hosted)? */
  baaStatus?: string
  active?: boolean
  /** Drafting uses this provider when the clinician names none. */
  draftingDefault?: boolean
  /** The embedded engine and the server's configured model: only the default can be chosen. */
  builtIn?: boolean
  /** A key is stored (encrypted); it is never shown. */
  hasApiKey?: boolean
}

/** An active outside provider as clinicians see it (GET /api/providers/choices): no endpoint, model or key. */
export interface ProviderChoice {
  id: string
  name: string
  locality: Locality
  /** 'not-needed' or 'active': PHI may go there; otherwise it may not (no BAA in force). */
  baaStatus: string
  draftingDefault: boolean
  /** The server's configured model (it cannot transcribe recordings). */
  builtIn: boolean
}

export interface BillingItem {
  noteId: string
  encounterId: string
  clientId: string
  dateOfService: string
  signedAt: string
  signerName: string
  cosignerName: string | null
  service: string
  minutes: number | null
  codes: string[]
  addOnCodes: string[]
}

export interface BillingReport {
  from: string
  to: string
  items: BillingItem[]
}
