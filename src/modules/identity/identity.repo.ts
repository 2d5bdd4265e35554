import type { Transaction } from 'kysely'
import type { Db } from '../../platform/db/index.js'
import type { Database, UsersTable } from '../../platform/db/schema.js'

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

export async function findToken(db: Executor, tokenHash: string) {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst()
}
