import type { FieldCipher } from '../../platform/crypto.js'
import type { ClientsTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { type Actor, parseRoles } from '../identity/index.js'
import { requireClientAccess } from './access.js'
import { isAdmin, isClinical, mayJoinCareTeam } from './records.policy.js'
import {
  findCareTeam,
  findClients,
  findPracticeUsers,
  insertClient,
  replaceCareTeam,
  updateClientRow,
} from './records.repo.js'
import type {
  CareTeamInput,
  CareTeamMember,
  Client,
  ClientList,
  ClientSummary,
  CreateClientInput,
  UpdateClientInput,
} from './records.schema.js'

const nameContext = (id: string) => `clients.name:${id}`
const dobContext = (id: string) => `clients.dob:${id}`
const externalIdContext = (id: string) => `clients.external_id:${id}`

/** Decrypt a client row into what the API shows (demographics only). */
export function toClientSummary(vault: FieldCipher, row: ClientsTable): ClientSummary {
  return {
    id: row.id,
    name: vault.decrypt(row.name_enc, nameContext(row.id)),
    dateOfBirth: vault.decryptNullable(row.dob_enc, dobContext(row.id)),
    externalId: vault.decryptNullable(row.external_id_enc, externalIdContext(row.id)),
    part2: row.part2 === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

async function loadCareTeam(deps: Deps, clientId: string): Promise<CareTeamMember[]> {
  const rows = await findCareTeam(deps.db, clientId)
  return rows.map((r) => ({
    userId: r.user_id,
    displayName: r.display_name,
    roles: parseRoles(r.roles),
    addedAt: r.added_at,
  }))
}

/** Every id must be an active clinical user of the practice; the message names none of them. */
async function checkCareTeam(deps: Deps, practiceId: string, userIds: readonly string[]): Promise<void> {
  const users = await findPracticeUsers(deps.db, practiceId, userIds)
  const ok = users.filter((u) => mayJoinCareTeam({ roles: parseRoles(u.roles), disabled: u.disabled === 1 }))
  if (ok.length !== userIds.length)
    throw new AppError(
      'VALIDATION_FAILED',
      'A care team is made of active clinicians, supervisors and supervisees of this practice.',
      { field: 'userIds' },
    )
}

/**
 * The clients the actor may see: a clinician's are those they have clinical access to (care team,
 * supervision, break-glass); the admin's are all of the practice's. The listing is audited.
 */
export async function listClients(deps: Deps, ctx: AuditContext, actor: Actor): Promise<ClientList> {
  const rows = await findClients(deps.db, actor, { all: isAdmin(actor), at: deps.clock.now().toISOString() })
  const clients = rows.map((r) => toClientSummary(deps.vault, r))
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'client.listed',
      targetType: 'client',
      details: { count: clients.length },
    }),
  )
  return { clients }
}

/** A new client; a clinician who creates one joins its care team. Name, DOB and external id are encrypted. */
export async function createClient(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: CreateClientInput,
): Promise<Client> {
  const team = new Set(input.careTeam ?? [])
  if (isClinical(actor)) team.add(actor.userId)
  await checkCareTeam(deps, actor.practiceId, [...team])
  const id = newId()
  const now = deps.clock.now().toISOString()
  const row: ClientsTable = {
    id,
    practice_id: actor.practiceId,
    name_enc: deps.vault.encrypt(input.name, nameContext(id)),
    dob_enc: deps.vault.encryptNullable(input.dateOfBirth, dobContext(id)),
    external_id_enc: deps.vault.encryptNullable(input.externalId, externalIdContext(id)),
    part2: input.part2 ? 1 : 0,
    created_at: now,
    updated_at: now,
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertClient(trx, row)
    await replaceCareTeam(trx, { practiceId: actor.practiceId, clientId: id, userIds: [...team], at: now })
    await recordAudit(trx, deps, ctx, {
      action: 'client.created',
      targetType: 'client',
      targetId: id,
      clientId: id,
      details: {
        part2: input.part2,
        careTeam: team.size,
        dob: row.dob_enc !== null,
        externalId: row.external_id_enc !== null,
      },
    })
  })
  return { ...toClientSummary(deps.vault, row), careTeam: await loadCareTeam(deps, id) }
}

/** One client with its care team (clinical access, or the practice admin). The read is audited. */
export async function readClient(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  clientId: string,
): Promise<Client> {
  const row = await requireClientAccess(deps, ctx, actor, clientId, {
    route: '/api/clients/:id',
    also: ['admin'],
  })
  const client = { ...toClientSummary(deps.vault, row), careTeam: await loadCareTeam(deps, clientId) }
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'client.read',
      targetType: 'client',
      targetId: clientId,
      clientId,
    }),
  )
  return client
}

/** Change a client's demographics or Part 2 flag. Audited with the names of the changed fields only. */
export async function updateClient(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: UpdateClientInput & { clientId: string },
): Promise<Client> {
  const { clientId } = input
  const before = await requireClientAccess(deps, ctx, actor, clientId, {
    route: '/api/clients/:id',
    also: ['admin'],
  })
  const now = deps.clock.now().toISOString()
  const changes: Parameters<typeof updateClientRow>[2] = { updated_at: now }
  const fields: string[] = []
  if (input.name !== undefined) {
    changes.name_enc = deps.vault.encrypt(input.name, nameContext(clientId))
    fields.push('name')
  }
  if (input.dateOfBirth !== undefined) {
    changes.dob_enc = deps.vault.encryptNullable(input.dateOfBirth, dobContext(clientId))
    fields.push('dateOfBirth')
  }
  if (input.externalId !== undefined) {
    changes.external_id_enc = deps.vault.encryptNullable(input.externalId, externalIdContext(clientId))
    fields.push('externalId')
  }
  if (input.part2 !== undefined) {
    changes.part2 = input.part2 ? 1 : 0
    fields.push('part2')
  }
  await deps.db.transaction().execute(async (trx) => {
    await updateClientRow(trx, clientId, changes)
    await recordAudit(trx, deps, ctx, {
      action: 'client.updated',
      targetType: 'client',
      targetId: clientId,
      clientId,
      details: { fields: fields.join(','), part2Before: before.part2 === 1 },
    })
  })
  const row = { ...before, ...changes }
  return { ...toClientSummary(deps.vault, row), careTeam: await loadCareTeam(deps, clientId) }
}

/**
 * Replace a client's care team (the admin, or a clinician with clinical access). Members must be
 * active clinical users of the practice. Audited with counts.
 */
export async function setCareTeam(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: CareTeamInput & { clientId: string },
): Promise<Client> {
  const row = await requireClientAccess(deps, ctx, actor, input.clientId, {
    route: '/api/clients/:id/care-team',
    also: ['admin'],
  })
  await checkCareTeam(deps, actor.practiceId, input.userIds)
  const now = deps.clock.now().toISOString()
  await deps.db.transaction().execute(async (trx) => {
    const counts = await replaceCareTeam(trx, {
      practiceId: actor.practiceId,
      clientId: input.clientId,
      userIds: input.userIds,
      at: now,
    })
    await recordAudit(trx, deps, ctx, {
      action: 'care_team.changed',
      targetType: 'client',
      targetId: input.clientId,
      clientId: input.clientId,
      details: { ...counts, size: input.userIds.length },
    })
  })
  return { ...toClientSummary(deps.vault, row), careTeam: await loadCareTeam(deps, input.clientId) }
}
