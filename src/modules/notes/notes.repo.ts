import { expressionBuilder, type Transaction, type Updateable } from 'kysely'
import type { Db, DbKind } from '../../platform/db/index.js'
import type { Database, NoteAddendaTable, NotesTable } from '../../platform/db/schema.js'
import type { Actor } from '../identity/index.js'
import { accessibleClientIds } from '../records/index.js'

type Executor = Db | Transaction<Database>

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
  else
    q = q.where((eb) =>
      eb.or([
        eb('notes.client_id', 'in', accessibleClientIds(actor, filter.at)),
        eb('notes.author_id', 'in', superviseesOf(actor)),
      ]),
    )
  if (filter.clientId) q = q.where('notes.client_id', '=', filter.clientId)
  if (filter.state) q = q.where('notes.state', '=', filter.state)
  return q.orderBy('encounters.occurred_at', 'desc').orderBy('notes.id').limit(500).execute()
}

/** The ids of the actor's supervisees (supervision links of the practice), as a subquery. */
function superviseesOf(actor: Actor) {
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
  return db
    .selectFrom('note_addenda as a')
    .innerJoin('users as u', 'u.id', 'a.author_id')
    .selectAll('a')
    .select('u.display_name as author_name')
    .where('a.note_id', '=', noteId)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute()
}

/** The roles of a user (to know whether a note needs co-signature). */
export async function findUserRoles(db: Executor, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('roles').where('id', '=', userId).executeTakeFirst()
  return row?.roles
}
