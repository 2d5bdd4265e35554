/**
 * The database tables as Kysely sees them. One schema for SQLite and PostgreSQL: text, integer
 * and nothing else. Timestamps are ISO-8601 UTC text (they sort as text); booleans are 0/1;
 * JSON is text. Columns ending in `_enc` hold AES-256-GCM ciphertext (see platform/crypto).
 */
export interface PracticesTable {
  id: string
  name: string
  require_mfa: number
  /** 'delete-after-sign' (default) or 'keep'. */
  transcript_retention: string
  created_at: string
  /** Migration 0003: the drafting provider when the clinician names none; null = the server's engine. */
  drafting_provider?: string | null
}

export interface UsersTable {
  id: string
  practice_id: string
  email: string
  display_name: string
  password_hash: string
  /** Comma-separated roles: admin, clinician, supervisor, supervisee, biller, privacy_officer. */
  roles: string
  mfa_secret_enc: string | null
  mfa_enabled: number
  failed_logins: number
  locked_until: string | null
  disabled: number
  created_at: string
  updated_at: string
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token. */
  id: string
  user_id: string
  practice_id: string
  created_at: string
  last_seen_at: string
  expires_at: string
  mfa_verified: number
  csrf_token: string
  ip: string | null
  user_agent: string | null
  revoked_at: string | null
}

export interface ApiTokensTable {
  id: string
  practice_id: string
  user_id: string
  name: string
  token_hash: string
  /** Comma-separated scopes. */
  scopes: string
  created_at: string
  expires_at: string | null
  last_used_at: string | null
  revoked_at: string | null
}

export interface SupervisionLinksTable {
  practice_id: string
  supervisor_id: string
  supervisee_id: string
  created_at: string
}

export interface ClientsTable {
  id: string
  practice_id: string
  name_enc: string
  dob_enc: string | null
  external_id_enc: string | null
  /** 42 CFR Part 2 record (substance-use treatment). */
  part2: number
  created_at: string
  updated_at: string
}

export interface CareTeamTable {
  practice_id: string
  client_id: string
  user_id: string
  added_at: string
}

export interface BreakGlassTable {
  id: string
  practice_id: string
  user_id: string
  client_id: string
  reason_enc: string
  started_at: string
  expires_at: string
  reviewed_by: string | null
  reviewed_at: string | null
  review_note_enc: string | null
}

/** A clinical session (an encounter) and its transcript. */
export interface EncountersTable {
  id: string
  practice_id: string
  client_id: string
  clinician_id: string
  occurred_at: string
  minutes: number | null
  service: string
  part2: number
  /** 'transcript' | 'dictation' | 'audio'. */
  source: string
  transcript_enc: string | null
  transcript_format: string | null
  transcript_deleted_at: string | null
  /** Encrypted JSON of the parse options given (speaker roles, the group member the note is for). */
  options_enc: string | null
  created_at: string
}

export interface NotesTable {
  id: string
  practice_id: string
  client_id: string
  encounter_id: string
  author_id: string
  format: string
  /** 'drafting' | 'failed' | 'draft' | 'awaiting-cosign' | 'signed'. */
  state: string
  draft_enc: string | null
  ai_draft_enc: string | null
  /** Engine provenance as JSON (names, versions, hashes; never PHI). */
  provenance: string | null
  signed_text_enc: string | null
  diff_enc: string | null
  signed_by: string | null
  signed_at: string | null
  attestation: string | null
  review_seconds: number | null
  review_started_at: string | null
  cosign_required: number
  cosigned_by: string | null
  cosigned_at: string | null
  /** The supervisor's attestation at co-signature. */
  cosign_attestation: string | null
  /** Encrypted JSON of the billing suggestion as signed (codes and minutes, no note text). */
  billing_enc: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface NoteAddendaTable {
  id: string
  practice_id: string
  note_id: string
  author_id: string
  text_enc: string
  created_at: string
}

export interface ConsentsTable {
  id: string
  practice_id: string
  client_id: string
  /** 'ai-processing' | 'part2-disclosure' | 'sud-counseling-notes'. */
  kind: string
  /** Scope as encrypted JSON (recipient, purposes, data types). */
  scope_enc: string
  method: string
  signer_enc: string
  signed_at: string
  expires_at: string | null
  revoked_at: string | null
  revoked_by: string | null
  revocation_reason_enc: string | null
  created_by: string
  created_at: string
}

export interface DisclosuresTable {
  id: string
  practice_id: string
  client_id: string
  disclosed_at: string
  recipient_enc: string
  recipient_address_enc: string | null
  description_enc: string
  purpose_enc: string
  consent_id: string | null
  note_id: string | null
  made_by: string
  part2: number
  created_at: string
}

export interface JobsTable {
  id: string
  practice_id: string
  kind: string
  /** JSON of ids and options only; never PHI. */
  payload: string
  /** 'queued' | 'running' | 'done' | 'failed' | 'cancelled'. */
  state: string
  progress: number
  stage: string | null
  attempts: number
  max_attempts: number
  locked_by: string | null
  locked_until: string | null
  error: string | null
  result: string | null
  run_after: string
  created_at: string
  updated_at: string
}

export interface AuditEventsTable {
  seq: number
  id: string
  practice_id: string | null
  at: string
  actor_id: string | null
  actor_role: string | null
  action: string
  target_type: string | null
  target_id: string | null
  client_id: string | null
  outcome: string
  ip: string | null
  user_agent: string | null
  request_id: string | null
  /** JSON of non-PHI facts (counts, categories, reasons by code). */
  details: string
  prev_hash: string
  hash: string
}

export interface AuditHeadTable {
  id: number
  last_seq: number
  last_hash: string
}

export interface DataKeysTable {
  id: string
  /** The data key encrypted under the master key (AES-256-GCM). */
  wrapped_key: string
  /** Fingerprint of the master key that wraps it. */
  kek_id: string
  active: number
  created_at: string
}

export interface ProvidersTable {
  id: string
  practice_id: string
  name: string
  kind: string
  base_url: string | null
  model: string | null
  locality: string
  baa_signed_at: string | null
  baa_expires_at: string | null
  baa_reference: string | null
  api_key_enc: string | null
  active: number
  created_at: string
  updated_at: string
  /** Migration 0003: the practice's short id for the provider, unique within the practice. */
  registry_id: string | null
  api_key_ref: string | null
  deidentify: number
}

export interface Database {
  practices: PracticesTable
  users: UsersTable
  auth_sessions: AuthSessionsTable
  api_tokens: ApiTokensTable
  supervision_links: SupervisionLinksTable
  clients: ClientsTable
  care_team: CareTeamTable
  break_glass: BreakGlassTable
  encounters: EncountersTable
  notes: NotesTable
  note_addenda: NoteAddendaTable
  consents: ConsentsTable
  disclosures: DisclosuresTable
  jobs: JobsTable
  audit_events: AuditEventsTable
  audit_head: AuditHeadTable
  data_keys: DataKeysTable
  providers: ProvidersTable
}
