import type { UserRole } from '../../src/modules/identity/index.js'
import { hashPassword, newUserRow } from '../../src/modules/identity/index.js'
import { newId } from '../../src/platform/ids.js'
import { PASSWORD, type TestApp, type TestUser } from './app.js'

let hash: Promise<string> | null = null
let counter = 0

/**
 * A user written straight into the database (password `PASSWORD`), for suites that change or
 * disable people and so cannot use the shared per-role users.
 */
export async function seedUser(
  t: TestApp,
  practiceId: string,
  roles: UserRole[],
  overrides: { disabled?: boolean } = {},
): Promise<TestUser> {
  hash ??= hashPassword(PASSWORD)
  const id = newId()
  const email = `${roles.join('-')}.${++counter}.${id.slice(0, 8)}@people.sidenote.test`
  const now = t.clock.now().toISOString()
  await t.deps.db
    .insertInto('users')
    .values({
      ...newUserRow({
        id,
        practiceId,
        email,
        displayName: `${roles.join('+')} ${counter}`,
        passwordHash: await hash,
        roles,
        at: now,
      }),
      disabled: overrides.disabled ? 1 : 0,
    })
    .execute()
  return { id, email, roles, practiceId }
}

/** Audit rows matching these columns, oldest first, with details parsed. */
export async function auditRows(
  t: TestApp,
  where: { action?: string; actorId?: string; targetId?: string; clientId?: string },
) {
  let q = t.deps.db.selectFrom('audit_events').selectAll()
  if (where.action) q = q.where('action', '=', where.action)
  if (where.actorId) q = q.where('actor_id', '=', where.actorId)
  if (where.targetId) q = q.where('target_id', '=', where.targetId)
  if (where.clientId) q = q.where('client_id', '=', where.clientId)
  const rows = await q.orderBy('seq').execute()
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }))
}
