import { parseTranscript } from '../../core/transcript/index.js'
import type { EncountersTable, NotesTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError, isAppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit, recordAuditNow } from '../audit/index.js'
import { requireAiConsent } from '../consent/index.js'
import type { Actor } from '../identity/index.js'
import { enqueueJob } from '../jobs/index.js'
import { insertEncounter, requireClientAccess } from '../records/index.js'
import { DRAFT_NOTE_JOB, type DraftingPreflight, type DraftJobPayload } from './draft-job.js'
import { insertNote } from './notes.repo.js'
import type { EncounterAccepted, EncounterFields } from './notes.schema.js'
import { sealTranscript } from './notes.transcript.js'

/** A new session: its fields and the transcript or dictation as given (pasted text or uploaded bytes). */
export interface NewEncounter {
  clientId: string
  fields: EncounterFields
  content: Uint8Array | string
  maxBytes: number
}

const ROUTE = '/api/clients/:id/encounters'

/**
 * Record a session and start drafting its note. A transcript is a recording of the client, so
 * drafting from it needs the client's active AI-processing consent (refused with 403
 * CONSENT_REQUIRED, audited); a dictation is the clinician's own words and needs none. With
 * `preflight`, the engine that will draft is asked first whether it may receive this session (its
 * consent, Part 2 and BAA rules), so a refusal comes now and not from the job. The text is
 * parsed now, so bad input is refused before anything is stored, then stored encrypted; the
 * encounter, the note (state `drafting`), the `draft-note` job and the audit events are written in
 * one transaction, so the job exists exactly when the note that needs it does.
 */
export async function createEncounter(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: NewEncounter,
  preflight?: DraftingPreflight,
): Promise<EncounterAccepted> {
  const client = await requireClientAccess(deps, ctx, actor, input.clientId, { route: ROUTE })
  const f = input.fields
  const now = deps.clock.now()
  try {
    if (f.source === 'transcript')
      await requireAiConsent(deps.db, deps.vault, {
        practiceId: actor.practiceId,
        clientId: client.id,
        now,
        material: 'transcript',
        ...(f.providerId ? { providerId: f.providerId } : {}),
      })
    await preflight?.(deps, ctx, actor.practiceId, f.providerId, {
      clientId: client.id,
      source: f.source,
      part2: f.part2 || client.part2 === 1,
    })
  } catch (error) {
    if (isAppError(error) && (error.code === 'CONSENT_REQUIRED' || error.code === 'EGRESS_REFUSED'))
      await recordAuditNow(deps, ctx, {
        action: 'encounter.created',
        outcome: 'denied',
        targetType: 'client',
        targetId: client.id,
        clientId: client.id,
        details: {
          reason: error.code === 'EGRESS_REFUSED' ? 'egress-refused' : 'consent-required',
          source: f.source,
        },
      })
    throw error
  }
  const transcript = parseTranscript(input.content, {
    maxBytes: input.maxBytes,
    ...(f.source === 'dictation' ? { format: 'dictation' as const } : {}),
    ...(f.roles ? { roles: f.roles } : {}),
    ...(f.minutes !== undefined ? { minutes: f.minutes } : {}),
    service: f.service,
  })
  if (f.member && !transcript.speakers.some((s) => s.label === f.member))
    throw new AppError('VALIDATION_FAILED', 'The group member named is not a speaker of the transcript.', {
      field: 'member',
    })

  const encounterId = newId()
  const noteId = newId()
  const at = now.toISOString()
  const sealed = sealTranscript(deps.vault, encounterId, input.content, {
    ...(f.roles ? { roles: f.roles } : {}),
    ...(f.member ? { member: f.member } : {}),
    ...(f.minutes !== undefined ? { minutes: f.minutes } : {}),
    service: f.service,
    ...(f.providerId ? { providerId: f.providerId } : {}),
  })
  const encounter: EncountersTable = {
    id: encounterId,
    practice_id: actor.practiceId,
    client_id: client.id,
    clinician_id: actor.userId,
    occurred_at: f.occurredAt,
    minutes: f.minutes ?? transcript.minutes,
    service: f.service,
    part2: f.part2 || client.part2 === 1 ? 1 : 0,
    source: f.source,
    transcript_enc: sealed.transcript_enc,
    transcript_format: transcript.format,
    transcript_deleted_at: null,
    options_enc: sealed.options_enc,
    created_at: at,
  }
  const note: NotesTable = {
    id: noteId,
    practice_id: actor.practiceId,
    client_id: client.id,
    encounter_id: encounterId,
    author_id: actor.userId,
    format: f.noteFormat,
    state: 'drafting',
    draft_enc: null,
    ai_draft_enc: null,
    provenance: null,
    signed_text_enc: null,
    diff_enc: null,
    signed_by: null,
    signed_at: null,
    attestation: null,
    review_seconds: null,
    review_started_at: null,
    cosign_required: 0,
    cosigned_by: null,
    cosigned_at: null,
    cosign_attestation: null,
    billing_enc: null,
    version: 1,
    created_at: at,
    updated_at: at,
  }
  const payload: DraftJobPayload = { noteId, encounterId, clientId: client.id, requestedBy: actor.userId }
  const jobId = await deps.db.transaction().execute(async (trx) => {
    await insertEncounter(trx, encounter)
    await insertNote(trx, note)
    const id = await enqueueJob(trx, { practiceId: actor.practiceId, kind: DRAFT_NOTE_JOB, payload, now })
    await recordAudit(trx, deps, ctx, {
      action: 'encounter.created',
      targetType: 'encounter',
      targetId: encounterId,
      clientId: client.id,
      details: { source: f.source, service: f.service, part2: encounter.part2 === 1, noteId, jobId: id },
    })
    await recordAudit(trx, deps, ctx, {
      action: 'transcript.uploaded',
      targetType: 'encounter',
      targetId: encounterId,
      clientId: client.id,
      details: {
        source: f.source,
        format: transcript.format,
        utterances: transcript.utterances.length,
        minutes: transcript.minutes,
      },
    })
    return id
  })
  return { encounterId, noteId, jobId }
}
