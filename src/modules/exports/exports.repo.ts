import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type {
  ClientsTable,
  Database,
  EncountersTable,
  NoteAddendaTable,
  NotesTable,
  PracticesTable,
} from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

/** Everything an export of one note reads: the note, its session, client and practice. */
export interface ExportSubject {
  note: NotesTable
  encounter: EncountersTable
  client: ClientsTable
  practice: PracticesTable
}

/** The note of the practice with its session, client and practice, or undefined. */
export async function findExportSubject(
  db: Executor,
  practiceId: string,
  noteId: string,
): Promise<ExportSubject | undefined> {
  const note = await db
    .selectFrom('notes')
    .selectAll()
    .where('id', '=', noteId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
  if (!note) return undefined
  const [encounter, client, practice] = await Promise.all([
    db.selectFrom('encounters').selectAll().where('id', '=', note.encounter_id).executeTakeFirst(),
    db.selectFrom('clients').selectAll().where('id', '=', note.client_id).executeTakeFirst(),
    db.selectFrom('practices').selectAll().where('id', '=', practiceId).executeTakeFirst(),
  ])
  if (!encounter || !client || !practice) return undefined
  return { note, encounter, client, practice }
}

/** The note's addenda, oldest first. */
export async function findAddenda(db: Executor, noteId: string): Promise<NoteAddendaTable[]> {
  return db
    .selectFrom('note_addenda')
    .selectAll()
    .where('note_id', '=', noteId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
}

/** Display names of users of a practice, by id. */
export async function findUserNames(
  db: Executor,
  practiceId: string,
  userIds: string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...new Set(userIds)])
    .execute()
  return new Map(rows.map((r) => [r.id, r.display_name]))
}
