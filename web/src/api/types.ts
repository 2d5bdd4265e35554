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
  roles?: UserRole[]
}

export interface Client {
  id: string
  name: string
  dateOfBirth: string | null
  externalId: string | null
  part2: boolean
  careTeam?: CareTeamMember[]
  createdAt?: string
}

export type ConsentKind = 'ai-processing' | 'part2-disclosure' | 'sud-counseling-notes'
export type ConsentMethod = 'written' | 'electronic' | 'verbal-documented'

export type ConsentScope =
  | { kind: 'ai-processing'; recordings: boolean; transcripts: boolean; providers: string[] }
  | {
      kind: 'part2-disclosure'
      recipient: string
      purposes: string[]
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
  text: string
  evidence: string[]
  support?: number
  status?: StatementStatus
  reasons?: string[]
  /** How the clinician resolved it (confirmed with a reason, edited). */
  resolution?: { action: string; reason?: string; by?: string; at?: string } | null
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
  note?: string
  resolution?: { action: string; reason?: string; by?: string; at?: string } | null
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

export interface Utterance {
  id: string
  speaker: string
  role: string
  start: number | null
  end: number | null
  text: string
}

export type NoteState = 'drafting' | 'draft' | 'awaiting-cosign' | 'signed' | 'failed'

export interface Signature {
  by: string
  byName?: string
  at: string
  attestation: string
}

export interface Addendum {
  id?: string
  text: string
  by: string
  byName?: string
  at: string
}

export interface Note {
  id: string
  clientId: string
  encounterId?: string
  state: NoteState
  format: NoteFormat
  version: number
  sections: Section[]
  flags: Flag[]
  omissions: Omission[]
  billing: Billing | null
  warnings: string[]
  utterances: Utterance[] | null
  signature: Signature | null
  cosignature?: Signature | null
  addenda: Addendum[]
  provenance?: Record<string, unknown> | null
  authorId?: string
  occurredAt?: string
}

export interface NoteSummary {
  id: string
  clientId: string
  state: NoteState
  format: NoteFormat
  occurredAt?: string
  createdAt?: string
  authorName?: string
  clientName?: string
}

export interface Job {
  id: string
  state: 'queued' | 'running' | 'done' | 'failed'
  progress: number
  stage: string | null
  noteId: string | null
  error: string | null
}

export interface EncounterCreated {
  encounterId: string
  noteId: string
  jobId: string
}
