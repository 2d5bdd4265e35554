import type { Transaction } from 'kysely'
import { z } from 'zod'
import type { NoteFormat } from '../../core/drafting/draft.schema.js'
import { type DraftingEngine, draftNoteWithEngine, embeddedEngine } from '../../core/providers/index.js'
import type { Database } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { requireAiConsent } from '../consent/index.js'
import type { ClaimedJob, JobHandler, JobHandlers } from '../jobs/index.js'
import { findEncounter, findPracticeClient } from '../records/index.js'
import { findNote, updateNoteIf } from './notes.repo.js'
import { toNoteDraft } from './notes.review.js'
import { openParseOptions, openTranscript } from './notes.transcript.js'

/** The job kind that drafts a note from its encounter's transcript or dictation. */
export const DRAFT_NOTE_JOB = 'draft-note'

/** What a draft-note job carries: ids only (the payload is stored in clear). */
export const DraftJobPayload = z.object({
  noteId: z.string(),
  encounterId: z.string(),
  clientId: z.string(),
  requestedBy: z.string(),
})
export type DraftJobPayload = z.infer<typeof DraftJobPayload>

/**
 * THE seam where a practice's drafting engine is chosen: given the practice (and the provider the
 * clinician named, if any, and the job's note, session and client ids), the engine that drafts.
 * The default is the embedded engine; the providers module's per-practice registry plugs in here
 * (`engineForPractice`).
 */
export type DraftingEngineFor = (
  deps: Deps,
  practiceId: string,
  providerId: string | undefined,
  job: DraftJobPayload,
) => DraftingEngine | Promise<DraftingEngine>

export const embeddedEngineFor: DraftingEngineFor = () => embeddedEngine

/**
 * The seam's check at upload: whether the engine that will draft this session may receive it
 * (the provider the clinician named, else the practice's default). Throws the refusal the job would
 * meet (CONSENT_REQUIRED, EGRESS_REFUSED, NOT_FOUND, CONFLICT), so the clinician learns it before
 * anything is stored; the job checks again when it runs, since consent can be revoked meanwhile.
 */
export type DraftingPreflight = (
  deps: Deps,
  ctx: AuditContext,
  practiceId: string,
  providerId: string | undefined,
  subject: { clientId: string; source: 'transcript' | 'dictation'; part2: boolean },
) => Promise<void>

export interface NotesJobOptions {
  draftingEngineFor?: DraftingEngineFor
}

export const noteContext = {
  draft: (id: string) => `notes.draft:${id}`,
  aiDraft: (id: string) => `notes.ai_draft:${id}`,
  signedText: (id: string) => `notes.signed_text:${id}`,
  diff: (id: string) => `notes.diff:${id}`,
  billing: (id: string) => `notes.billing:${id}`,
  addendum: (id: string) => `note_addenda.text:${id}`,
}

/** The audit context of work a job does on behalf of the user who asked for it. */
export function jobContext(practiceId: string, requestedBy: string | null): AuditContext {
  return {
    practiceId,
    actorId: requestedBy,
    actorRole: 'system',
    ip: null,
    userAgent: 'sidenote-jobs',
    requestId: null,
  }
}

function payloadOf(job: ClaimedJob): DraftJobPayload {
  const parsed = DraftJobPayload.safeParse(job.payload)
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'The drafting job has no valid note reference.')
  return parsed.data
}

/**
 * The draft-note job: check consent again (a revocation since upload stops the processing), parse
 * the stored transcript exactly as at upload, run the pipeline (risk → engine → scope guard →
 * verifier → billing) and store the draft encrypted twice — the working draft and the AI draft the
 * signed note is compared with — with its provenance, in the transaction that finishes the job,
 * audited as `ai.run` and `note.drafted`. Progress stages 0–100 are visible at GET /api/jobs/:id.
 */
export function draftNoteJob(options: NotesJobOptions = {}): JobHandler {
  const engineFor = options.draftingEngineFor ?? embeddedEngineFor
  return {
    async run(deps, ctx) {
      const job = ctx.job
      const p = payloadOf(job)
      const note = await findNote(deps.db, job.practiceId, p.noteId)
      if (note?.state !== 'drafting')
        throw new AppError('CONFLICT', 'The note is no longer waiting for a draft.')
      const encounter = await findEncounter(deps.db, job.practiceId, p.encounterId)
      if (!encounter) throw new AppError('NOT_FOUND', 'The session of this note was not found.')
      const parseOptions = openParseOptions(deps.vault, encounter)

      await ctx.progress('checking-consent', 5)
      if (encounter.source === 'transcript')
        await requireAiConsent(deps.db, deps.vault, {
          practiceId: job.practiceId,
          clientId: encounter.client_id,
          now: deps.clock.now(),
          material: 'transcript',
          ...(parseOptions.providerId ? { providerId: parseOptions.providerId } : {}),
        })

      await ctx.progress('parsing', 15)
      const transcript = openTranscript(deps.vault, encounter)
      if (!transcript)
        throw new AppError('CONFLICT', 'The session transcript is no longer kept; nothing to draft from.')

      await ctx.progress('drafting', 30)
      const engine = await engineFor(deps, job.practiceId, parseOptions.providerId, p)
      const client = await findPracticeClient(deps.db, job.practiceId, encounter.client_id)
      const clientName = client ? deps.vault.decrypt(client.name_enc, `clients.name:${client.id}`) : undefined
      const started = Date.now()
      const draft = await draftNoteWithEngine(
        transcript,
        {
          format: note.format as NoteFormat,
          ...(parseOptions.member ? { member: parseOptions.member } : {}),
          ...(parseOptions.service ? { service: parseOptions.service } : {}),
          known: clientName ? { names: [clientName] } : undefined,
          part2: encounter.part2 === 1,
        },
        engine,
      )
      const elapsedMs = Date.now() - started

      await ctx.progress('reviewing', 85)
      const noteDraft = toNoteDraft(draft)
      const statements = noteDraft.sections.flatMap((s) => s.statements)
      const provenance = {
        engine: draft.engine,
        provider: { id: engine.provider.id, kind: engine.provider.kind, locality: engine.provider.locality },
        format: noteDraft.format,
        transcriptFormat: transcript.format,
        utterances: transcript.utterances.length,
        jobId: job.id,
        attempt: job.attempts,
        draftedAt: deps.clock.now().toISOString(),
        elapsedMs,
      }
      const json = JSON.stringify(noteDraft)
      const sealed = {
        draft_enc: deps.vault.encrypt(json, noteContext.draft(note.id)),
        ai_draft_enc: deps.vault.encrypt(json, noteContext.aiDraft(note.id)),
      }
      await ctx.progress('saving', 95)

      return async (trx) => {
        const stored = await updateNoteIf(
          trx,
          note.id,
          { states: ['drafting'] },
          {
            ...sealed,
            state: 'draft',
            format: noteDraft.format,
            provenance: JSON.stringify(provenance),
            review_started_at: null,
            updated_at: deps.clock.now().toISOString(),
          },
        )
        if (!stored) throw new AppError('CONFLICT', 'The note is no longer waiting for a draft.')
        const audit = jobContext(job.practiceId, p.requestedBy)
        await recordAudit(trx, deps, audit, {
          action: 'ai.run',
          targetType: 'note',
          targetId: note.id,
          clientId: note.client_id,
          details: {
            engine: draft.engine.name,
            engineVersion: draft.engine.version,
            provider: engine.provider.id,
            format: noteDraft.format,
            statements: statements.length,
            unsupported: statements.filter((s) => s.status === 'unsupported').length,
            flags: noteDraft.flags.length,
            jobId: job.id,
          },
        })
        await recordAudit(trx, deps, audit, {
          action: 'note.drafted',
          targetType: 'note',
          targetId: note.id,
          clientId: note.client_id,
          details: { format: noteDraft.format, jobId: job.id },
        })
        return { noteId: note.id, statements: statements.length }
      }
    },

    async fail(deps, trx: Transaction<Database>, job, error) {
      const p = DraftJobPayload.safeParse(job.payload)
      if (!p.success) return
      const note = await findNote(trx, job.practiceId, p.data.noteId)
      if (!note) return
      await updateNoteIf(
        trx,
        note.id,
        { states: ['drafting'] },
        { state: 'failed', updated_at: deps.clock.now().toISOString() },
      )
      await recordAudit(trx, deps, jobContext(job.practiceId, p.data.requestedBy), {
        action: 'note.draft_failed',
        outcome: 'failure',
        targetType: 'note',
        targetId: note.id,
        clientId: note.client_id,
        details: { code: error.code, jobId: job.id },
      })
    },
  }
}

/** Every job kind the notes module runs. */
export function notesJobHandlers(options: NotesJobOptions = {}): JobHandlers {
  return { [DRAFT_NOTE_JOB]: draftNoteJob(options) }
}
