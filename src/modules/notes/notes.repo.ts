import { expressionBuilder, type Transaction, type Updateable } from 'kysely'
import { type Db, type DbKind, preparedQuery } from '../../platform/db/index.js'
import type { Database, EncountersTable, NoteAddendaTable, NotesTable } from '../../platform/db/schema.js'
import type { Actor } from '../identity/index.js'
import { accessibleClientIds } from '../records/index.js'

type Executor = Db | Transaction<Database>
/** Whose access a query checks: all the access rule reads of the actor. */
type Who = Pick<Actor, 'userId' | 'practiceId'>

export async function insertNote(db: Executor, row: NotesTable): Promise<void> {
  await db.insertInto('notes').values(row).execute()
}

/** A note of the practice, or undefined (another practice's note is not found). */
export async function findNote(
  db: Executor,
  practiceId: string,
  noteId: string,
): Promise<NotesTable | undefined> {
  return db
    .selectFrom('notes')
    .selectAll()
    .where('id', '=', noteId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * Whether the actor may open a note, as an expression over the `notes` row: clinical access to its
 * client (the one definition of records/access) or supervising its author (who co-signs). The list
 * applies the same rule, so a note is listed exactly when it can be opened.
 */
function mayOpen(actor: Who, at: string) {
  const eb = expressionBuilder<Database, 'notes'>()
  return eb.or([
    eb('notes.client_id', 'in', accessibleClientIds(actor, at)),
    eb('notes.author_id', 'in', superviseesOf(actor)),
  ])
}

/**
 * A note of the actor's practice and whether the actor may open it, in one query (the access check
 * was two more round trips on every request for a note). Undefined: not a note of the practice.
 */
export async function findNoteForActor(
  db: Executor,
  actor: Actor,
  noteId: string,
  at: string,
): Promise<{ note: NotesTable; allowed: boolean } | undefined> {
  const row = await noteForActor.first(db, {
    noteId,
    userId: actor.userId,
    practiceId: actor.practiceId,
    at,
  })
  if (!row) return undefined
  const { allowed, ...note } = row
  return { note, allowed: Boolean(allowed) }
}

type NoteForActorParams = { noteId: string; at: string } & Who

// Prepared (built and compiled once): every request for a note starts with one of these.
const noteForActor = preparedQuery((db, p: NoteForActorParams) =>
  db
    .selectFrom('notes')
    .selectAll('notes')
    .select(mayOpen(p, p.at).as('allowed'))
    .where('notes.id', '=', p.noteId)
    .where('notes.practice_id', '=', p.practiceId),
)

const noteWithEncounter = preparedQuery((db, p: NoteForActorParams) =>
  db
    .selectFrom('notes')
    .leftJoin('encounters as e', (join) =>
      join.onRef('e.id', '=', 'notes.encounter_id').on('e.practice_id', '=', p.practiceId),
    )
    .selectAll('notes')
    .select(mayOpen(p, p.at).as('allowed'))
    // Whether the addenda need a query of their own (most signed notes have none).
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('note_addenda')
            .select('note_addenda.id')
            .whereRef('note_addenda.note_id', '=', 'notes.id'),
        )
        .as('has_addenda'),
    )
    .select([
      'e.id as e_id',
      'e.occurred_at as e_occurred_at',
      'e.minutes as e_minutes',
      'e.service as e_service',
      'e.part2 as e_part2',
      'e.source as e_source',
      'e.transcript_format as e_transcript_format',
      'e.transcript_deleted_at as e_transcript_deleted_at',
    ])
    // Whether a transcript is kept, not the transcript: a read does not show it.
    .select((eb) => eb('e.transcript_enc', 'is not', null).as('e_transcript_kept'))
    .where('notes.id', '=', p.noteId)
    .where('notes.practice_id', '=', p.practiceId),
)

/** What a note's view shows of its session (encounter), without the transcript itself. */
export interface EncounterSummary {
  occurred_at: string
  minutes: number | null
  service: string
  source: string
  part2: number
  transcript_format: string | null
  transcript_deleted_at: string | null
  transcript_kept: boolean
}

export function summarizeEncounter(e: EncountersTable): EncounterSummary {
  return {
    occurred_at: e.occurred_at,
    minutes: e.minutes,
    service: e.service,
    source: e.source,
    part2: e.part2,
    transcript_format: e.transcript_format,
    transcript_deleted_at: e.transcript_deleted_at,
    transcript_kept: e.transcript_enc !== null,
  }
}

/**
 * As findNoteForActor, with a summary of the note's encounter (session) and whether it has
 * addenda from the same query, for a note read.
 */
export async function findNoteWithEncounter(
  db: Executor,
  actor: Actor,
  noteId: string,
  at: string,
): Promise<
  { note: NotesTable; encounter: EncounterSummary | null; allowed: boolean; hasAddenda: boolean } | undefined
> {
  const row = await noteWithEncounter.first(db, {
    noteId,
    userId: actor.userId,
    practiceId: actor.practiceId,
    at,
  })
  if (!row) return undefined
  const {
    allowed,
    has_addenda,
    e_id,
    e_occurred_at,
    e_minutes,
    e_service,
    e_part2,
    e_source,
    e_transcript_format,
    e_transcript_deleted_at,
    e_transcript_kept,
    ...note
  } = row
  // SQLite answers 0 or 1 for a condition, PostgreSQL a boolean.
  const encounter: EncounterSummary | null =
    e_id === null
      ? null
      : {
          occurred_at: e_occurred_at!,
          minutes: e_minutes,
          service: e_service!,
          source: e_source!,
          part2: e_part2!,
          transcript_format: e_transcript_format,
          transcript_deleted_at: e_transcript_deleted_at,
          transcript_kept: Boolean(e_transcript_kept),
        }
  return { note, encounter, allowed: Boolean(allowed), hasAddenda: Boolean(has_addenda) }
}

/** The note row locked for this transaction (PostgreSQL; SQLite's writer lock covers it). */
export async function lockNote(trx: Executor, kind: DbKind, noteId: string): Promise<NotesTable | undefined> {
  let q = trx.selectFrom('notes').selectAll().where('id', '=', noteId)
  if (kind === 'postgres') q = q.forUpdate()
  return q.executeTakeFirst()
}

/**
 * Change a note only if it is still in one of the expected states (and at the expected version):
 * the compare-and-set behind optimistic concurrency and signed-note immutability. The version
 * always moves on. False when the note was not in that state any more.
 */
export async function updateNoteIf(
  trx: Executor,
  noteId: string,
  expect: { states: readonly string[]; version?: number },
  changes: Omit<Updateable<NotesTable>, 'id' | 'version'>,
): Promise<boolean> {
  let q = trx
    .updateTable('notes')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', noteId)
    .where('state', 'in', [...expect.states])
  if (expect.version !== undefined) q = q.where('version', '=', expect.version)
  const r = await q.executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

/** Is `supervisorId` linked as supervisor of `superviseeId` in the practice? */
export async function isSupervisorOf(
  db: Executor,
  practiceId: string,
  supervisorId: string,
  superviseeId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('supervision_links')
    .select('supervisee_id')
    .where('practice_id', '=', practiceId)
    .where('supervisor_id', '=', supervisorId)
    .where('supervisee_id', '=', superviseeId)
    .executeTakeFirst()
  return row !== undefined
}

export interface NoteListFilter {
  clientId?: string | undefined
  state?: string | undefined
  /** Only notes awaiting this supervisor's co-signature (authored by their supervisees). */
  cosignFor?: string | undefined
  at: string
}

/**
 * Notes the actor may open, newest session first: those of clients the actor has clinical access
 * to, and those the actor's supervisees wrote (a supervisor reviews what they co-sign).
 */
export async function listNotes(db: Executor, actor: Actor, filter: NoteListFilter) {
  let q = db
    .selectFrom('notes')
    .innerJoin('encounters', 'encounters.id', 'notes.encounter_id')
    .innerJoin('clients', 'clients.id', 'notes.client_id')
    .innerJoin('users', 'users.id', 'notes.author_id')
    .select([
      'notes.id',
      'notes.client_id',
      'notes.encounter_id',
      'notes.author_id',
      'notes.format',
      'notes.state',
      'notes.signed_at',
      'notes.cosign_required',
      'notes.version',
      'encounters.occurred_at',
      'clients.name_enc',
      'users.display_name as author_name',
    ])
    .where('notes.practice_id', '=', actor.practiceId)
  if (filter.cosignFor)
    q = q.where('notes.state', '=', 'awaiting-cosign').where('notes.author_id', 'in', superviseesOf(actor))
  else q = q.where(mayOpen(actor, filter.at))
  if (filter.clientId) q = q.where('notes.client_id', '=', filter.clientId)
  if (filter.state) q = q.where('notes.state', '=', filter.state)
  return q.orderBy('encounters.occurred_at', 'desc').orderBy('notes.id').limit(500).execute()
}

/** The ids of the actor's supervisees (supervision links of the practice), as a subquery. */
function superviseesOf(actor: Who) {
  return expressionBuilder<Database, never>()
    .selectFrom('supervision_links')
    .select('supervision_links.supervisee_id')
    .where('supervision_links.supervisor_id', '=', actor.userId)
    .where('supervision_links.practice_id', '=', actor.practiceId)
}

export async function insertAddendum(db: Executor, row: NoteAddendaTable): Promise<void> {
  await db.insertInto('note_addenda').values(row).execute()
}

/** A note's addenda in order, with their authors' names. */
export async function findAddenda(db: Executor, noteId: string) {
  return addenda.all(db, { noteId })
}

const addenda = preparedQuery((db, p: { noteId: string }) =>
  db
    .selectFrom('note_addenda as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select('u.display_name as author_name')
    .where('a.note_id', '=', p.noteId)
    .orderBy('a.created_at')
    .orderBy('a.id'),
)

/** The roles of a user (to know whether a note needs co-signature). */
export async function findUserRoles(db: Executor, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('roles').where('id', '=', userId).executeTakeFirst()
  return row?.roles
}
