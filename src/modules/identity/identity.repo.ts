import type { Insertable, Transaction, Updateable } from 'kysely'
import { type Db, type DbKind, preparedQuery } from '../../platform/db/index.js'
import type {
  ApiTokensTable,
  Database,
  PracticesTable,
  SupervisionLinksTable,
  UsersTable,
} from '../../platform/db/schema.js'

type Executor = Db | Transaction<Database>

export async function findUserByEmail(db: Executor, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
}

export async function findUserById(db: Executor, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findPractice(db: Executor, id: string) {
  return db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findSession(db: Executor, id: string) {
  return db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst()
}

const sessionActor = preparedQuery((db, p: { id: string }) =>
  db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('practices as p', 'p.id', 's.practice_id')
    .select([
      's.user_id',
      's.practice_id',
      's.csrf_token',
      's.mfa_verified',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      'u.practice_id as user_practice_id',
      'u.roles',
      'u.display_name',
      'u.disabled',
      'u.mfa_enabled',
      'p.require_mfa',
    ])
    .where('s.id', '=', p.id),
)

/**
 * A session with what every request needs of its user and practice, in one query (each request
 * resolves its session: three lookups were a third of a note read's queries). No row when the
 * session does not exist. Prepared: built and compiled once, not on every request.
 */
export async function findSessionActor(db: Executor, id: string) {
  return sessionActor.first(db, { id })
}

export async function findToken(db: Executor, tokenHash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}

/** Everyone in a practice, by name. */
export async function listUsersOfPractice(db: Executor, practiceId: string): Promise<UsersTable[]> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('display_name')
    .orderBy('id')
    .execute()
}

/** A user of this practice; another practice's user is as absent as one that does not exist. */
export async function findUserInPractice(
  db: Executor,
  practiceId: string,
  id: string,
): Promise<UsersTable | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

/**
 * Serialise changes to a practice's people and settings (PostgreSQL row lock on the practice), so
 * two admins demoting each other at once cannot both pass the last-admin check. SQLite already
 * serialises writers.
 */
export async function lockPractice(trx: Transaction<Database>, kind: DbKind, practiceId: string) {
  let query = trx.selectFrom('practices').selectAll().where('id', '=', practiceId)
  if (kind === 'postgres') query = query.forUpdate()
  return query.executeTakeFirst()
}

/** A new user's row: enabled, no MFA yet, no failed sign-ins. */
export function newUserRow(user: {
  id: string
  practiceId: string
  email: string
  displayName: string
  passwordHash: string
  roles: readonly string[]
  at: string
}): UsersTable {
  return {
    id: user.id,
    practice_id: user.practiceId,
    email: user.email,
    display_name: user.displayName,
    password_hash: user.passwordHash,
    roles: user.roles.join(','),
    mfa_secret_enc: null,
    mfa_enabled: 0,
    failed_logins: 0,
    locked_until: null,
    disabled: 0,
    created_at: user.at,
    updated_at: user.at,
  }
}

export async function insertUser(trx: Executor, row: Insertable<UsersTable>): Promise<void> {
  await trx.insertInto('users').values(row).execute()
}

export async function updateUserRow(
  trx: Executor,
  id: string,
  patch: Updateable<UsersTable>,
): Promise<UsersTable> {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute()
  return (await findUserById(trx, id))!
}

/** End every live session of a user; returns how many ended. */
export async function revokeSessionsOfUser(trx: Executor, userId: string, at: string): Promise<number> {
  const r = await trx
    .updateTable('auth_sessions')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

/** Revoke every live API token of a user; returns how many were revoked. */
export async function revokeTokensOfUser(trx: Executor, userId: string, at: string): Promise<number> {
  const r = await trx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows)
}

export async function updatePracticeRow(
  trx: Executor,
  id: string,
  patch: Updateable<PracticesTable>,
): Promise<PracticesTable> {
  await trx.updateTable('practices').set(patch).where('id', '=', id).execute()
  return (await findPractice(trx, id))!
}

/** A practice's supervision links with both names. */
export async function listSupervisionLinks(db: Executor, practiceId: string) {
  return db
    .selectFrom('supervision_links as l')
    .innerJoin('users as sup', 'sup.id', 'l.supervisor_id')
    .innerJoin('users as sub', 'sub.id', 'l.supervisee_id')
    .select([
      'l.supervisor_id',
      'l.supervisee_id',
      'l.created_at',
      'sup.display_name as supervisor_name',
      'sub.display_name as supervisee_name',
    ])
    .where('l.practice_id', '=', practiceId)
    .orderBy('sup.display_name')
    .orderBy('sub.display_name')
    .execute()
}

export async function findSupervisionLink(
  db: Executor,
  practiceId: string,
  supervisorId: string,
  superviseeId: string,
): Promise<SupervisionLinksTable | undefined> {
  return db
    .selectFrom('supervision_links')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('supervisor_id', '=', supervisorId)
    .where('supervisee_id', '=', superviseeId)
    .executeTakeFirst()
}

export async function insertSupervisionLink(trx: Executor, row: SupervisionLinksTable): Promise<void> {
  await trx.insertInto('supervision_links').values(row).execute()
}

export async function deleteSupervisionLink(
  trx: Executor,
  practiceId: string,
  supervisorId: string,
  superviseeId: string,
): Promise<void> {
  await trx
    .deleteFrom('supervision_links')
    .where('practice_id', '=', practiceId)
    .where('supervisor_id', '=', supervisorId)
    .where('supervisee_id', '=', superviseeId)
    .execute()
}

export async function insertToken(trx: Executor, row: ApiTokensTable): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute()
}

/** A practice's API tokens (or one user's), newest first, with the owner's name; never the hash. */
export async function listTokens(db: Executor, practiceId: string, userId: string | null) {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      't.name',
      't.scopes',
      't.created_at',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
      'u.display_name as user_name',
    ])
    .where('t.practice_id', '=', practiceId)
  if (userId !== null) query = query.where('t.user_id', '=', userId)
  return query.orderBy('t.created_at', 'desc').orderBy('t.id').execute()
}

export async function findTokenInPractice(
  db: Executor,
  practiceId: string,
  id: string,
): Promise<ApiTokensTable | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst()
}

export async function markTokenRevoked(trx: Executor, id: string, at: string): Promise<void> {
  await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute()
}
