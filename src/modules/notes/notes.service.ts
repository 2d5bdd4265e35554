import type { EncountersTable, NotesTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, type AuditEventInput, recordAudit, recordAuditNow } from '../audit/index.js'
import { requireAiConsent } from '../consent/index.js'
import { type Actor, parseRoles } from '../identity/index.js'
import { enqueueJob } from '../jobs/index.js'
import { auditDenied, findEncounter, NO_CLINICAL_ACCESS, type SignedBilling } from '../records/index.js'
import { applyRetentionOnSign } from '../retention/index.js'
import { DRAFT_NOTE_JOB, type DraftJobPayload, noteContext } from './draft-job.js'
import {
  type EncounterSummary,
  findAddenda,
  findNote,
  findNoteForActor,
  listNotes as findNotes,
  findNoteWithEncounter,
  findUserRoles,
  insertAddendum,
  isSupervisorOf,
  lockNote,
  summarizeEncounter,
  updateNoteIf,
} from './notes.repo.js'
import { changeStatement, diffDrafts, findBlockers, type ReviewActor, resolveFlag } from './notes.review.js'
import {
  type AddendumInput,
  type Blocker,
  NoteDiff,
  NoteDraft,
  type NoteList,
  type NoteListQuery,
  type NoteView,
  type RedraftAccepted,
  type RedraftInput,
  type ResolveFlagInput,
  type SignNoteInput,
  type StatementChangeInput,
  type TranscriptView,
} from './notes.schema.js'
import {
  deepFreeze,
  openParseOptions,
  openTranscript,
  requireTranscript,
  reviewEvidence,
  transcriptView,
} from './notes.transcript.js'
import { signPause } from './sign-pause.js'

/** What the clinician attests to by signing, stored with the signature. */
export const SIGN_ATTESTATION =
  'I have reviewed this note, edited it as needed, and attest that it accurately reflects the session.'
/** What the supervisor attests to by co-signing. */
export const COSIGN_ATTESTATION =
  "I have reviewed this note as the supervisee's supervising clinician and co-sign it."

const SIGNED_STATES = ['awaiting-cosign', 'signed'] as const
const isSigned = (state: string) => (SIGNED_STATES as readonly string[]).includes(state)

const NOTE_SIGNED_MESSAGE = 'This note is signed and cannot be changed. Add an addendum instead.'

// ---------------------------------------------------------------------------------------------
// Access

/**
 * The note of the actor's practice that the actor may open: clinical access to its client (care
 * team, supervision, break-glass) or supervising its author (who co-signs). Another practice's
 * note is not found; a refusal is audited as access.denied.
 */
async function openNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  noteId: string,
  route: string,
): Promise<NotesTable> {
  return requireOpenable(
    deps,
    ctx,
    await findNoteForActor(deps.db, actor, noteId, deps.clock.now().toISOString()),
    route,
  )
}

/** The found note when the actor may open it; NOT_FOUND, or FORBIDDEN audited as access.denied. */
async function requireOpenable<T extends { note: NotesTable; allowed: boolean }>(
  deps: Deps,
  ctx: AuditContext,
  found: T | undefined,
  route: string,
): Promise<T['note']> {
  if (!found) throw new AppError('NOT_FOUND', 'Note not found.')
  const { note, allowed } = found
  if (allowed) return note
  await auditDenied(
    deps,
    ctx,
    { type: 'note', id: note.id, clientId: note.client_id },
    route,
    'no-clinical-access',
  )
  throw new AppError('FORBIDDEN', NO_CLINICAL_ACCESS)
}

/** Only the note's author reviews and signs it (a supervisor co-signs; anyone with access may add an addendum). */
async function requireAuthor(deps: Deps, ctx: AuditContext, actor: Actor, note: NotesTable, route: string) {
  if (note.author_id === actor.userId) return
  await auditDenied(deps, ctx, { type: 'note', id: note.id, clientId: note.client_id }, route, 'not-author')
  throw new AppError('FORBIDDEN', "Only the note's author can change or sign it.")
}

/** A change to a signed note is refused with NOTE_SIGNED, and the attempt is audited. */
async function refuseSigned(
  deps: Deps,
  ctx: AuditContext,
  note: NotesTable,
  attempted: string,
): Promise<never> {
  await recordAuditNow(deps, ctx, {
    action: 'note.change_refused',
    outcome: 'denied',
    targetType: 'note',
    targetId: note.id,
    clientId: note.client_id,
    details: { attempted, state: note.state },
  })
  throw new AppError('NOTE_SIGNED', NOTE_SIGNED_MESSAGE)
}

/** The note must be a draft under review at the version the client saw. */
async function requireDraftAt(
  deps: Deps,
  ctx: AuditContext,
  note: NotesTable,
  version: number | undefined,
  attempted: string,
): Promise<void> {
  if (isSigned(note.state)) await refuseSigned(deps, ctx, note, attempted)
  if (note.state !== 'draft')
    throw new AppError(
      'CONFLICT',
      note.state === 'drafting'
        ? 'The note is still being drafted. Wait for the job to finish.'
        : 'Drafting this note failed; ask for a new draft first.',
    )
  if (version !== undefined && note.version !== version)
    throw new AppError(
      'CONFLICT',
      `The note has changed since you loaded it (it is at version ${note.version}). Reload it and try again.`,
    )
}

async function requireEncounter(deps: Deps, note: NotesTable): Promise<EncountersTable> {
  const encounter = await findEncounter(deps.db, note.practice_id, note.encounter_id)
  if (!encounter) throw new AppError('NOT_FOUND', 'The session of this note was not found.')
  return encounter
}

function readDraft(deps: Deps, note: NotesTable): NoteDraft | null {
  if (!note.draft_enc) return null
  return NoteDraft.parse(JSON.parse(deps.vault.decrypt(note.draft_enc, noteContext.draft(note.id))))
}

function requireDraft(deps: Deps, note: NotesTable): NoteDraft {
  const draft = readDraft(deps, note)
  if (!draft) throw new AppError('CONFLICT', 'The note has no draft yet.')
  return draft
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The note as stored after a change was attempted (NOT_FOUND if it is gone). */
async function reloadNote(deps: Deps, note: NotesTable): Promise<NotesTable> {
  const now = await findNote(deps.db, note.practice_id, note.id)
  if (!now) throw new AppError('NOT_FOUND', 'Note not found.')
  return now
}

/**
 * Everything the review screen shows for a note (decrypted); no audit here, the callers record it.
 * An `encounter` the caller already holds spares its query; `hasAddenda` false (known from the
 * note's own query) spares the addenda query.
 */
async function buildView(
  deps: Deps,
  note: NotesTable,
  encounter?: EncounterSummary,
  hasAddenda?: boolean,
): Promise<NoteView> {
  const enc = encounter ?? summarizeEncounter(await requireEncounter(deps, note))
  let draft: NoteDraft | null = null
  let diff: NoteDiff | null = null
  if (isSigned(note.state) && note.signed_text_enc) ({ draft, diff } = openSigned(deps, note))
  else {
    if (note.state === 'draft') draft = readDraft(deps, note)
    diff = openDiff(deps, note)
  }
  // Only a signed note takes addenda (addAddendum), so a draft's review changes skip the query.
  const addenda = isSigned(note.state) && hasAddenda !== false ? await findAddenda(deps.db, note.id) : []
  return {
    id: note.id,
    clientId: note.client_id,
    encounterId: note.encounter_id,
    authorId: note.author_id,
    format: NoteDraft.shape.format.parse(note.format),
    state: note.state as NoteView['state'],
    version: note.version,
    encounter: {
      occurredAt: enc.occurred_at,
      service: enc.service,
      minutes: enc.minutes,
      source: enc.source,
      part2: enc.part2 === 1,
    },
    draft,
    blockers: draft && note.state === 'draft' ? findBlockers(draft) : [],
    provenance: note.provenance ? (JSON.parse(note.provenance) as Record<string, unknown>) : null,
    transcript: {
      retained: enc.transcript_kept,
      deletedAt: enc.transcript_deleted_at,
      format: enc.transcript_format,
    },
    signature:
      note.signed_by && note.signed_at
        ? {
            signedBy: note.signed_by,
            signedAt: note.signed_at,
            attestation: note.attestation ?? '',
            reviewSeconds: note.review_seconds,
            cosignRequired: note.cosign_required === 1,
            cosignedBy: note.cosigned_by,
            cosignedAt: note.cosigned_at,
            cosignAttestation: note.cosign_attestation,
          }
        : null,
    diff,
    addenda: addenda.map((a) => ({
      id: a.id,
      authorId: a.author_id,
      authorName: a.author_name,
      text: deps.vault.decrypt(a.text_enc, noteContext.addendum(a.id)),
      createdAt: a.created_at,
    })),
    reviewStartedAt: note.review_started_at,
    createdAt: note.created_at,
    updatedAt: note.updated_at,
  }
}

/**
 * A signed note's text and diff, decrypted and parsed. Signed text never changes, so the parsed
 * result is kept for the notes read most recently (bounded, least recently used dropped first, in
 * this process's memory only, as any decrypted request data is) and checked against the stored
 * ciphertexts: a re-encrypted (key rotation) or otherwise changed row is opened afresh. Addenda are
 * not kept here; every read queries them. Frozen, since every reader shares one copy.
 */
function openSigned(deps: Deps, note: NotesTable): { draft: NoteDraft; diff: NoteDiff | null } {
  const kept = signedCache.get(note.id)
  if (kept && kept.textEnc === note.signed_text_enc && kept.diffEnc === note.diff_enc) {
    signedCache.delete(note.id)
    signedCache.set(note.id, kept)
    return kept.opened
  }
  const opened = deepFreeze({
    draft: NoteDraft.parse(
      JSON.parse(deps.vault.decrypt(note.signed_text_enc!, noteContext.signedText(note.id))),
    ),
    diff: openDiff(deps, note),
  })
  signedCache.set(note.id, { textEnc: note.signed_text_enc!, diffEnc: note.diff_enc, opened })
  while (signedCache.size > SIGNED_CACHE_SIZE) signedCache.delete(signedCache.keys().next().value as string)
  return opened
}

/** The note's diff (its AI draft against the text signed), decrypted, once it has one. */
function openDiff(deps: Deps, note: NotesTable): NoteDiff | null {
  return note.diff_enc
    ? NoteDiff.parse(JSON.parse(deps.vault.decrypt(note.diff_enc, noteContext.diff(note.id))))
    : null
}

const SIGNED_CACHE_SIZE = 256
const signedCache = new Map<
  string,
  { textEnc: string; diffEnc: string | null; opened: { draft: NoteDraft; diff: NoteDiff | null } }
>()

/**
 * A note as the review screen shows it. Audited (`note.read`, and whether the transcript was
 * shown). The author's first look at a finished draft starts the review clock.
 */
export async function readNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  noteId: string,
): Promise<NoteView> {
  const found = await findNoteWithEncounter(deps.db, actor, noteId, deps.clock.now().toISOString())
  let note = await requireOpenable(deps, ctx, found, '/api/notes/:id')
  const encounter = found?.encounter
  if (!encounter) throw new AppError('NOT_FOUND', 'The session of this note was not found.')
  const startReview =
    note.state === 'draft' && note.review_started_at === null && note.author_id === actor.userId
  const at = deps.clock.now().toISOString()
  const read = {
    action: 'note.read',
    targetType: 'note',
    targetId: note.id,
    clientId: note.client_id,
    details: { state: note.state },
  } as const
  if (startReview)
    await deps.db.transaction().execute(async (trx) => {
      // Not a change of content: the version stays, so an open editor's version is still good.
      await trx
        .updateTable('notes')
        .set({ review_started_at: at })
        .where('id', '=', note.id)
        .where('review_started_at', 'is', null)
        .execute()
      await recordAudit(trx, deps, ctx, read)
    })
  // A plain read changes nothing: its event joins the next group commit (returns once committed).
  else await recordAuditNow(deps, ctx, read)
  if (startReview) note = { ...note, review_started_at: at }
  return buildView(deps, note, encounter, found?.hasAddenda)
}

/**
 * The transcript of a note's session, as the review screen shows it beside the draft (the
 * utterances the statements cite). Audited as `transcript.read`; after the retention policy has
 * deleted the transcript, says when, with no utterances.
 */
export async function readNoteTranscript(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  noteId: string,
): Promise<TranscriptView> {
  const note = await openNote(deps, ctx, actor, noteId, '/api/notes/:id/transcript')
  const encounter = await requireEncounter(deps, note)
  const transcript = openTranscript(deps.vault, encounter)
  await recordAuditNow(deps, ctx, {
    action: 'transcript.read',
    targetType: 'note',
    targetId: note.id,
    clientId: note.client_id,
    details: { retained: transcript !== null, encounterId: note.encounter_id },
  })
  return transcriptView(encounter, transcript)
}

/** The notes the actor may open, filtered; `queue=cosign` lists those awaiting the actor's co-signature. */
export async function listNotes(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  query: NoteListQuery,
): Promise<NoteList> {
  const rows = await findNotes(deps.db, actor, {
    clientId: query.clientId,
    state: query.state,
    cosignFor: query.queue === 'cosign' ? actor.userId : undefined,
    at: deps.clock.now().toISOString(),
  })
  // A client's name is decrypted once per list, not once per note.
  const names = new Map<string, string>()
  const clientName = (r: (typeof rows)[number]) => {
    let name = names.get(r.client_id)
    if (name === undefined) {
      name = deps.vault.decrypt(r.name_enc, `clients.name:${r.client_id}`)
      names.set(r.client_id, name)
    }
    return name
  }
  const notes = rows.map((r) => ({
    id: r.id,
    clientId: r.client_id,
    clientName: clientName(r),
    encounterId: r.encounter_id,
    authorId: r.author_id,
    authorName: r.author_name,
    format: NoteDraft.shape.format.parse(r.format),
    state: r.state as NoteView['state'],
    occurredAt: r.occurred_at,
    signedAt: r.signed_at,
    cosignRequired: r.cosign_required === 1,
    version: r.version,
  }))
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'note.listed',
      targetType: 'note',
      ...(query.clientId ? { clientId: query.clientId } : {}),
      details: { count: notes.length, queue: query.queue ?? null, state: query.state ?? null },
    }),
  )
  return { notes }
}

// ---------------------------------------------------------------------------------------------
// Review

/**
 * Store a reviewed draft with a compare-and-set on state `draft` and the version the client saw,
 * audited in the same transaction. A note signed in the meantime is refused as signed.
 */
async function storeDraft(
  deps: Deps,
  ctx: AuditContext,
  note: NotesTable,
  version: number,
  draft: NoteDraft,
  event: AuditEventInput,
  attempted: string,
  encounter?: EncounterSummary,
): Promise<NoteView> {
  const ok = await deps.db.transaction().execute(async (trx) => {
    const stored = await updateNoteIf(
      trx,
      note.id,
      { states: ['draft'], version },
      {
        draft_enc: deps.vault.encrypt(JSON.stringify(draft), noteContext.draft(note.id)),
        updated_at: deps.clock.now().toISOString(),
      },
    )
    if (stored) await recordAudit(trx, deps, ctx, event)
    return stored
  })
  const now = await reloadNote(deps, note)
  if (!ok) await requireDraftAt(deps, ctx, now, version, attempted)
  return buildView(deps, now, encounter)
}

/**
 * Edit, remove, confirm or add a statement of a draft. The verifier re-runs on the changed
 * statement and the scope guard and omission check on the whole draft; optimistic on `version`.
 */
export async function changeNoteStatement(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: StatementChangeInput & { noteId: string },
): Promise<NoteView> {
  const route = '/api/notes/:id/statements'
  const note = await openNote(deps, ctx, actor, input.noteId, route)
  await requireAuthor(deps, ctx, actor, note, route)
  await requireDraftAt(deps, ctx, note, input.version, `statement.${input.action}`)
  const draft = requireDraft(deps, note)
  const encounter = await requireEncounter(deps, note)
  const transcript = requireTranscript(openTranscript(deps.vault, encounter))
  const member = openParseOptions(deps.vault, encounter).member
  const by: ReviewActor = { userId: actor.userId, at: deps.clock.now().toISOString() }
  const { noteId: _id, ...change } = input
  const next = changeStatement(draft, change, reviewEvidence(transcript, member), by)
  const statements = next.sections.find((s) => s.key === change.section)?.statements ?? []
  const statement =
    change.action === 'remove' ? undefined : (statements[change.index ?? statements.length - 1] ?? undefined)
  return storeDraft(
    deps,
    ctx,
    note,
    input.version,
    next,
    {
      action: 'note.edited',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: {
        change: change.action,
        section: change.section,
        statementId: statement?.id ?? null,
        status: statement?.status ?? null,
        blockers: findBlockers(next).length,
      },
    },
    `statement.${change.action}`,
    // A draft's transcript is never swept, so the session is as just read.
    summarizeEncounter(encounter),
  )
}

/** Confirm or dismiss a flag with a reason; a resolved scope flag no longer blocks signing. */
export async function resolveNoteFlag(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: ResolveFlagInput & { noteId: string },
): Promise<NoteView> {
  const route = '/api/notes/:id/flags/resolve'
  const note = await openNote(deps, ctx, actor, input.noteId, route)
  await requireAuthor(deps, ctx, actor, note, route)
  await requireDraftAt(deps, ctx, note, input.version, 'flag.resolve')
  const draft = requireDraft(deps, note)
  const { noteId: _id, ...resolution } = input
  const next = resolveFlag(draft, resolution, { userId: actor.userId, at: deps.clock.now().toISOString() })
  return storeDraft(
    deps,
    ctx,
    note,
    input.version,
    next,
    {
      action: 'note.edited',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: {
        change: `flag.${input.action}`,
        flagIndex: input.flagIndex,
        flagKind: draft.flags[input.flagIndex]?.kind ?? null,
        blockers: findBlockers(next).length,
      },
    },
    'flag.resolve',
  )
}

/** Draft the note again in another format (before signing only): the note goes back to `drafting`. */
export async function redraftNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: RedraftInput & { noteId: string },
): Promise<RedraftAccepted> {
  const route = '/api/notes/:id/redraft'
  const note = await openNote(deps, ctx, actor, input.noteId, route)
  await requireAuthor(deps, ctx, actor, note, route)
  if (isSigned(note.state)) await refuseSigned(deps, ctx, note, 'redraft')
  if (note.state === 'drafting') throw new AppError('CONFLICT', 'The note is already being drafted.')
  const encounter = await requireEncounter(deps, note)
  if (encounter.transcript_enc === null)
    throw new AppError(
      'CONFLICT',
      'The session transcript is no longer kept, so the note cannot be drafted again.',
    )
  const now = deps.clock.now()
  if (encounter.source === 'transcript')
    await requireAiConsent(deps.db, deps.vault, {
      practiceId: actor.practiceId,
      clientId: note.client_id,
      now,
      material: 'transcript',
    })
  const payload: DraftJobPayload = {
    noteId: note.id,
    encounterId: note.encounter_id,
    clientId: note.client_id,
    requestedBy: actor.userId,
  }
  const jobId = await deps.db.transaction().execute(async (trx) => {
    const moved = await updateNoteIf(
      trx,
      note.id,
      { states: ['draft', 'failed'], version: note.version },
      { state: 'drafting', format: input.format, updated_at: now.toISOString() },
    )
    if (!moved)
      throw new AppError('CONFLICT', 'The note has changed since you loaded it. Reload it and try again.')
    const id = await enqueueJob(trx, { practiceId: actor.practiceId, kind: DRAFT_NOTE_JOB, payload, now })
    await recordAudit(trx, deps, ctx, {
      action: 'note.redraft_requested',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: { from: note.format, to: input.format, jobId: id },
    })
    return id
  })
  return { noteId: note.id, jobId, version: note.version + 1 }
}

// ---------------------------------------------------------------------------------------------
// Signing

function describeBlockers(blockers: readonly Blocker[]): string {
  const unsupported = blockers.filter((b) => b.kind === 'unsupported-statement')
  const scope = blockers.filter((b) => b.kind === 'scope-flag')
  const parts: string[] = []
  if (unsupported.length)
    parts.push(
      `${unsupported.length} unsupported statement${unsupported.length === 1 ? '' : 's'} (${unsupported
        .map((b) => `${b.section} #${b.index}`)
        .join(', ')}) to edit, remove or confirm with a reason`,
    )
  if (scope.length)
    parts.push(
      `${scope.length} unresolved scope flag${scope.length === 1 ? '' : 's'} (${scope
        .map((b) => `flag #${b.flagIndex} ${b.flagKind}`)
        .join(', ')}) to confirm or dismiss with a reason`,
    )
  return `The note cannot be signed yet: ${parts.join('; ')}.`
}

function signedBilling(draft: NoteDraft, encounter: EncountersTable): SignedBilling {
  return {
    service: draft.billing?.service ?? encounter.service,
    minutes: draft.billing?.minutes ?? encounter.minutes,
    suggested: draft.billing?.suggested ?? [],
    addOns: (draft.billing?.addOns ?? []).map((a) => a.code),
  }
}

/**
 * Sign a draft with the attestation. Refused (409 SIGN_BLOCKED, audited) while any unsupported
 * statement is unconfirmed or any scope flag unresolved. The signed note keeps the AI draft, the
 * signed content, their statement-level diff, the billing suggestion and the review time; a
 * supervisee's note waits for co-signature. The state change, its audit event and the retention
 * step are ONE transaction: a crash leaves the note fully signed or fully draft.
 */
export async function signNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: SignNoteInput & { noteId: string },
): Promise<NoteView> {
  const route = '/api/notes/:id/sign'
  const note = await openNote(deps, ctx, actor, input.noteId, route)
  await requireAuthor(deps, ctx, actor, note, route)
  await requireDraftAt(deps, ctx, note, input.version, 'sign')
  const draft = requireDraft(deps, note)
  const blockers = findBlockers(draft)
  if (blockers.length > 0) {
    await recordAuditNow(deps, ctx, {
      action: 'note.sign_refused',
      outcome: 'denied',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: {
        unsupported: blockers.filter((b) => b.kind === 'unsupported-statement').length,
        scopeFlags: blockers.filter((b) => b.kind === 'scope-flag').length,
      },
    })
    throw new AppError('SIGN_BLOCKED', describeBlockers(blockers), { detail: { blockers } })
  }
  const encounter = await requireEncounter(deps, note)
  const aiDraft = note.ai_draft_enc
    ? NoteDraft.parse(JSON.parse(deps.vault.decrypt(note.ai_draft_enc, noteContext.aiDraft(note.id))))
    : draft
  const diff = diffDrafts(aiDraft, draft)
  const now = deps.clock.now()
  const at = now.toISOString()
  const reviewSeconds = note.review_started_at
    ? Math.max(0, Math.round((now.getTime() - Date.parse(note.review_started_at)) / 1000))
    : null
  const cosignRequired = parseRoles((await findUserRoles(deps.db, note.author_id)) ?? '').includes(
    'supervisee',
  )
  const state = cosignRequired ? 'awaiting-cosign' : 'signed'
  const sealed = {
    signed_text_enc: deps.vault.encrypt(JSON.stringify(draft), noteContext.signedText(note.id)),
    diff_enc: deps.vault.encrypt(JSON.stringify(diff), noteContext.diff(note.id)),
    billing_enc: deps.vault.encrypt(
      JSON.stringify(signedBilling(draft, encounter)),
      noteContext.billing(note.id),
    ),
  }
  const signed = await deps.db.transaction().execute(async (trx) => {
    await lockNote(trx, deps.dbKind, note.id)
    await signPause('before-update')
    const ok = await updateNoteIf(
      trx,
      note.id,
      { states: ['draft'], version: input.version },
      {
        ...sealed,
        state,
        signed_by: actor.userId,
        signed_at: at,
        attestation: SIGN_ATTESTATION,
        review_seconds: reviewSeconds,
        cosign_required: cosignRequired ? 1 : 0,
        updated_at: at,
      },
    )
    if (!ok) return false
    await signPause('after-update')
    await recordAudit(trx, deps, ctx, {
      action: 'note.signed',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: {
        state,
        cosignRequired,
        reviewSeconds,
        unchanged: diff.summary.unchanged,
        edited: diff.summary.edited,
        removed: diff.summary.removed,
        added: diff.summary.added,
      },
    })
    await signPause('after-audit')
    // A supervisee's note still needs its transcript for the supervisor's review: retention at co-signature.
    if (state === 'signed') await applyRetentionOnSign(trx, deps, ctx, note.encounter_id)
    await signPause('after-retention')
    return true
  })
  await signPause('after-commit')
  const after = await reloadNote(deps, note)
  if (!signed) await requireDraftAt(deps, ctx, after, input.version, 'sign')
  return buildView(deps, after)
}

/** The supervisee's linked supervisor co-signs a note awaiting co-signature; retention applies then. */
export async function cosignNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  noteId: string,
): Promise<NoteView> {
  const route = '/api/notes/:id/cosign'
  const note = await openNote(deps, ctx, actor, noteId, route)
  if (!(await isSupervisorOf(deps.db, actor.practiceId, actor.userId, note.author_id))) {
    await auditDenied(
      deps,
      ctx,
      { type: 'note', id: note.id, clientId: note.client_id },
      route,
      'not-supervisor',
    )
    throw new AppError('FORBIDDEN', "Only the author's linked supervisor can co-sign this note.")
  }
  if (note.state === 'signed') await refuseSigned(deps, ctx, note, 'cosign')
  if (note.state !== 'awaiting-cosign')
    throw new AppError('CONFLICT', 'The note is not awaiting co-signature: its author has not signed it yet.')
  const at = deps.clock.now().toISOString()
  const ok = await deps.db.transaction().execute(async (trx) => {
    const done = await updateNoteIf(
      trx,
      note.id,
      { states: ['awaiting-cosign'] },
      {
        state: 'signed',
        cosigned_by: actor.userId,
        cosigned_at: at,
        cosign_attestation: COSIGN_ATTESTATION,
        updated_at: at,
      },
    )
    if (!done) return false
    await recordAudit(trx, deps, ctx, {
      action: 'note.cosigned',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: { authorId: note.author_id },
    })
    await applyRetentionOnSign(trx, deps, ctx, note.encounter_id)
    return true
  })
  const after = await reloadNote(deps, note)
  if (!ok) await refuseSigned(deps, ctx, after, 'cosign')
  return buildView(deps, after)
}

/** An addendum to a signed note (the signed content itself never changes), by anyone with access to it. */
export async function addAddendum(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: AddendumInput & { noteId: string },
): Promise<NoteView> {
  const note = await openNote(deps, ctx, actor, input.noteId, '/api/notes/:id/addenda')
  if (!isSigned(note.state))
    throw new AppError('CONFLICT', 'Addenda are for signed notes; edit the draft instead.')
  const id = newId()
  const at = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    await insertAddendum(trx, {
      id,
      practice_id: note.practice_id,
      note_id: note.id,
      author_id: actor.userId,
      text_enc: deps.vault.encrypt(input.text, noteContext.addendum(id)),
      created_at: at,
    })
    await recordAudit(trx, deps, ctx, {
      action: 'note.addendum',
      targetType: 'note',
      targetId: note.id,
      clientId: note.client_id,
      details: { addendumId: id },
    })
  })
  return buildView(deps, note)
}
