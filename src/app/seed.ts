import { randomBytes } from 'node:crypto'
import { recordAudit } from '../modules/audit/index.js'
import type { UserRole } from '../modules/identity/identity.schema.js'
import { hashPassword, newUserRow } from '../modules/identity/index.js'
import type { UsersTable } from '../platform/db/schema.js'
import type { Deps } from '../platform/deps.js'
import { newId } from '../platform/ids.js'

export interface DemoLogin {
  email: string
  password: string
  roles: UserRole[]
}

const DEMO_USERS: { email: string; name: string; roles: UserRole[] }[] = [
  { email: 'admin@demo.sidenote.test', name: 'Avery Admin', roles: ['admin'] },
  { email: 'clinician@demo.sidenote.test', name: 'Dr. Casey Rivera', roles: ['clinician'] },
  { email: 'supervisor@demo.sidenote.test', name: 'Dr. Morgan Lee', roles: ['supervisor', 'clinician'] },
  { email: 'supervisee@demo.sidenote.test', name: 'Sam Patel, AMFT', roles: ['supervisee'] },
  { email: 'biller@demo.sidenote.test', name: 'Bailey Biller', roles: ['biller'] },
  { email: 'privacy@demo.sidenote.test', name: 'Pat Privacy', roles: ['privacy_officer'] },
]

/**
 * On an empty database, create a demo practice with one user per role and return their logins
 * (random passwords, shown once). On a database with a practice already, do nothing.
 */
export async function seedDemo(deps: Deps): Promise<DemoLogin[] | null> {
  const existing = await deps.db.selectFrom('practices').select('id').executeTakeFirst()
  if (existing) return null
  const now = deps.clock.now().toISOString()
  const practiceId = newId()
  const logins: DemoLogin[] = []
  const rows: UsersTable[] = []
  for (const u of DEMO_USERS) {
    const password = `demo-${randomBytes(9).toString('base64url')}`
    logins.push({ email: u.email, password, roles: u.roles })
    rows.push(
      newUserRow({
        id: newId(),
        practiceId,
        email: u.email,
        displayName: u.name,
        passwordHash: await hashPassword(password),
        roles: u.roles,
        at: now,
      }),
    )
  }
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('practices')
      .values({
        id: practiceId,
        name: 'Demo Practice',
        require_mfa: 1,
        transcript_retention: 'delete-after-sign',
        created_at: now,
      })
      .execute()
    await trx.insertInto('users').values(rows).execute()
    const supervisor = rows.find((r) => r.email.startsWith('supervisor'))!
    const supervisee = rows.find((r) => r.email.startsWith('supervisee'))!
    await trx
      .insertInto('supervision_links')
      .values({
        practice_id: practiceId,
        supervisor_id: supervisor.id,
        supervisee_id: supervisee.id,
        created_at: now,
      })
      .execute()
    await recordAudit(
      trx,
      deps,
      { practiceId, actorId: null, actorRole: 'system', ip: null, userAgent: null, requestId: null },
      { action: 'practice.config_changed', details: { event: 'demo-practice-seeded', users: rows.length } },
    )
  })
  return logins
}
