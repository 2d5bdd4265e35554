import { newId } from '../../src/platform/ids.js'
import type { TestApp } from './app.js'

/**
 * Clinical rows written straight into the database, so the consent, export, disclosure and
 * retention suites do not depend on the records and notes routes. Encrypted columns use the same
 * contexts (`table.column:id`) as the services.
 */

export interface SeedClient {
  practiceId: string
  name?: string
  part2?: boolean
  careTeam?: string[]
}

/** A client of a practice with a care team; returns its id. */
export async function seedClient(t: TestApp, input: SeedClient): Promise<string> {
  const id = newId()
  const now = t.clock.now().toISOString()
  await t.deps.db
    .insertInto('clients')
    .values({
      id,
      practice_id: input.practiceId,
      name_enc: t.deps.vault.encrypt(input.name ?? 'Jordan Alvarez', `clients.name:${id}`),
      dob_enc: null,
      external_id_enc: null,
      part2: input.part2 ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .execute()
  for (const userId of input.careTeam ?? [])
    await t.deps.db
      .insertInto('care_team')
      .values({ practice_id: input.practiceId, client_id: id, user_id: userId, added_at: now })
      .execute()
  return id
}

export interface SeedEncounter {
  practiceId: string
  clientId: string
  clinicianId: string
  occurredAt?: string
  part2?: boolean
  transcript?: string | null
  service?: string
  minutes?: number | null
}

/** A session with (by default) a stored transcript; returns its id. */
export async function seedEncounter(t: TestApp, input: SeedEncounter): Promise<string> {
  const id = newId()
  const transcript =
    input.transcript === undefined ? 'Clinician: How was the week?\nClient: Better.' : input.transcript
  await t.deps.db
    .insertInto('encounters')
    .values({
      id,
      practice_id: input.practiceId,
      client_id: input.clientId,
      clinician_id: input.clinicianId,
      occurred_at: input.occurredAt ?? '2026-01-02T16:00:00.000Z',
      minutes: input.minutes === undefined ? 53 : input.minutes,
      service: input.service ?? 'psychotherapy',
      part2: input.part2 ? 1 : 0,
      source: 'transcript',
      transcript_enc:
        transcript === null ? null : t.deps.vault.encrypt(transcript, `encounters.transcript:${id}`),
      transcript_format: transcript === null ? null : 'plain',
      transcript_deleted_at: null,
      created_at: t.clock.now().toISOString(),
    })
    .execute()
  return id
}

export interface SeedNote {
  practiceId: string
  clientId: string
  encounterId: string
  authorId: string
  state?: 'draft' | 'awaiting-cosign' | 'signed' | 'drafting' | 'failed'
  format?: string
  sections?: {
    key: string
    title: string
    statements: { text: string; evidence: string[] }[]
    note?: string
  }[]
  cosignedBy?: string | null
  addenda?: { authorId: string; text: string }[]
}

export const DEFAULT_SECTIONS: NonNullable<SeedNote['sections']> = [
  {
    key: 'data',
    title: 'Data',
    statements: [
      { text: 'Client reported sleeping four to five hours a night.', evidence: ['u12', 'u13'] },
      { text: 'Client described cravings on two days this week.', evidence: ['u20'] },
    ],
  },
  {
    key: 'assessment',
    title: 'Assessment',
    statements: [{ text: 'Client engaged in relapse-prevention planning.', evidence: ['c1'] }],
  },
  { key: 'plan', title: 'Plan', statements: [], note: 'Not addressed in this session.' },
]

/** A note on an encounter; signed by its author unless `state` says otherwise. Returns its id. */
export async function seedNote(t: TestApp, input: SeedNote): Promise<string> {
  const id = newId()
  const now = t.clock.now().toISOString()
  const state = input.state ?? 'signed'
  const signed = state === 'signed' || state === 'awaiting-cosign'
  const draft = {
    format: input.format ?? 'dap',
    engine: { name: 'embedded', version: '1.0.0' },
    transcript: { utterances: 40, minutes: 53, speakers: [] },
    sections: input.sections ?? DEFAULT_SECTIONS,
    flags: [],
    warnings: [],
  }
  const json = JSON.stringify(draft)
  await t.deps.db
    .insertInto('notes')
    .values({
      id,
      practice_id: input.practiceId,
      client_id: input.clientId,
      encounter_id: input.encounterId,
      author_id: input.authorId,
      format: input.format ?? 'dap',
      state,
      draft_enc: t.deps.vault.encrypt(json, `notes.draft:${id}`),
      ai_draft_enc: t.deps.vault.encrypt(json, `notes.ai_draft:${id}`),
      provenance: null,
      signed_text_enc: signed ? t.deps.vault.encrypt(json, `notes.signed_text:${id}`) : null,
      diff_enc: null,
      signed_by: signed ? input.authorId : null,
      signed_at: signed ? now : null,
      attestation: signed
        ? 'I have reviewed this note, edited it as needed, and attest that it accurately reflects the session.'
        : null,
      review_seconds: signed ? 240 : null,
      review_started_at: null,
      cosign_required: input.cosignedBy ? 1 : 0,
      cosigned_by: input.cosignedBy ?? null,
      cosigned_at: input.cosignedBy ? now : null,
      version: 3,
      created_at: now,
      updated_at: now,
    })
    .execute()
  for (const a of input.addenda ?? []) {
    const addendumId = newId()
    await t.deps.db
      .insertInto('note_addenda')
      .values({
        id: addendumId,
        practice_id: input.practiceId,
        note_id: id,
        author_id: a.authorId,
        text_enc: t.deps.vault.encrypt(a.text, `note_addenda.text:${addendumId}`),
        created_at: now,
      })
      .execute()
  }
  return id
}

/** Audit actions recorded for a client (or by an actor), oldest first. */
export async function auditActions(t: TestApp, where: { clientId?: string; actorId?: string }) {
  let q = t.deps.db.selectFrom('audit_events').select(['action', 'outcome', 'details', 'target_id'])
  if (where.clientId) q = q.where('client_id', '=', where.clientId)
  if (where.actorId) q = q.where('actor_id', '=', where.actorId)
  return q.orderBy('seq').execute()
}
