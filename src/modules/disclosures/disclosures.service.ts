import type { Transaction } from 'kysely'
import type { FieldCipher } from '../../platform/crypto.js'
import type { Database, DisclosuresTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { OVERSIGHT, requireClientAccess } from '../records/index.js'
import { findConsentClient, findDisclosures, findNoteSubject, insertDisclosure } from './disclosures.repo.js'
import {
  ACCOUNTING_YEARS,
  type Disclosure,
  type DisclosureAccounting,
  type DisclosureQuery,
  type NewDisclosure,
  type RecordDisclosureInput,
} from './disclosures.schema.js'

const ROUTE = '/api/clients/:id/disclosures'

/** Decrypt a disclosure row into the domain shape. */
export function toDisclosure(vault: FieldCipher, row: DisclosuresTable): Disclosure {
  const at = (column: string) => `disclosures.${column}:${row.id}`
  return {
    id: row.id,
    clientId: row.client_id,
    disclosedAt: row.disclosed_at,
    recipient: vault.decrypt(row.recipient_enc, at('recipient')),
    recipientAddress: vault.decryptNullable(row.recipient_address_enc, at('recipient_address')),
    description: vault.decrypt(row.description_enc, at('description')),
    purpose: vault.decrypt(row.purpose_enc, at('purpose')),
    consentId: row.consent_id,
    noteId: row.note_id,
    madeBy: row.made_by,
    part2: row.part2 === 1,
    createdAt: row.created_at,
  }
}

/**
 * Record a disclosure in the caller's transaction (an export records it with the export), with its
 * audit event. Recipient, address, description and purpose are encrypted; the event holds none of them.
 */
export async function addDisclosure(
  trx: Transaction<Database>,
  deps: Pick<Deps, 'vault' | 'dbKind' | 'clock'>,
  ctx: AuditContext,
  d: NewDisclosure,
): Promise<Disclosure> {
  const id = newId()
  const at = (column: string) => `disclosures.${column}:${id}`
  const row: DisclosuresTable = {
    id,
    practice_id: d.practiceId,
    client_id: d.clientId,
    disclosed_at: d.disclosedAt,
    recipient_enc: deps.vault.encrypt(d.recipient, at('recipient')),
    recipient_address_enc: deps.vault.encryptNullable(d.recipientAddress, at('recipient_address')),
    description_enc: deps.vault.encrypt(d.description, at('description')),
    purpose_enc: deps.vault.encrypt(d.purpose, at('purpose')),
    consent_id: d.consentId,
    note_id: d.noteId,
    made_by: d.madeBy,
    part2: d.part2 ? 1 : 0,
    created_at: deps.clock.now().toISOString(),
  }
  await insertDisclosure(trx, row)
  await recordAudit(trx, deps, ctx, {
    action: 'disclosure.recorded',
    targetType: 'disclosure',
    targetId: id,
    clientId: d.clientId,
    details: { source: d.source, part2: d.part2, consent: d.consentId !== null, note: d.noteId !== null },
  })
  return toDisclosure(deps.vault, row)
}

/**
 * Record a disclosure made outside Sidenote (care team, admin or privacy officer). The consent and
 * note it names must be the client's; Part 2 status follows the client and the note's session.
 */
export async function recordDisclosure(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: RecordDisclosureInput & { clientId: string },
): Promise<Disclosure> {
  const client = await requireClientAccess(deps, ctx, actor, input.clientId, {
    also: OVERSIGHT,
    route: ROUTE,
  })
  const now = deps.clock.now()
  const disclosedAt = input.disclosedAt ?? now.toISOString()
  if (disclosedAt > now.toISOString())
    throw new AppError('VALIDATION_FAILED', 'A disclosure cannot be dated in the future.', {
      field: 'disclosedAt',
    })
  let part2 = client.part2 === 1
  if (input.noteId) {
    const note = await findNoteSubject(deps.db, actor.practiceId, input.noteId)
    if (!note || note.clientId !== client.id)
      throw new AppError('VALIDATION_FAILED', "The note is not one of this client's notes.", {
        field: 'noteId',
      })
    part2 ||= note.part2
  }
  if (input.consentId && (await findConsentClient(deps.db, actor.practiceId, input.consentId)) !== client.id)
    throw new AppError('VALIDATION_FAILED', "The consent is not one of this client's consents.", {
      field: 'consentId',
    })
  return deps.db.transaction().execute((trx) =>
    addDisclosure(trx, deps, ctx, {
      practiceId: actor.practiceId,
      clientId: client.id,
      disclosedAt,
      recipient: input.recipient,
      recipientAddress: input.recipientAddress ?? null,
      description: input.description,
      purpose: input.purpose,
      consentId: input.consentId ?? null,
      noteId: input.noteId ?? null,
      madeBy: actor.userId,
      part2,
      source: 'manual',
    }),
  )
}

/** The start of the default accounting window: the same instant six years earlier. */
export function accountingStart(now: Date): string {
  const from = new Date(now)
  from.setUTCFullYear(from.getUTCFullYear() - ACCOUNTING_YEARS)
  return from.toISOString()
}

/**
 * The accounting of disclosures for a client (45 CFR 164.528): every recorded disclosure in the
 * window (six years by default), for the care team, admin and privacy officer. Audited.
 */
export async function listDisclosures(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: DisclosureQuery & { clientId: string },
): Promise<DisclosureAccounting> {
  await requireClientAccess(deps, ctx, actor, input.clientId, { route: ROUTE, also: OVERSIGHT })
  const now = deps.clock.now()
  const from = input.from ?? accountingStart(now)
  const to = input.to ?? now.toISOString()
  if (from > to)
    throw new AppError('VALIDATION_FAILED', 'The window starts after it ends.', { field: 'from' })
  const rows = await findDisclosures(deps.db, {
    practiceId: actor.practiceId,
    clientId: input.clientId,
    from,
    to,
  })
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'disclosure.listed',
      targetType: 'client',
      targetId: input.clientId,
      clientId: input.clientId,
      details: { count: rows.length, from, to },
    }),
  )
  return { clientId: input.clientId, from, to, disclosures: rows.map((r) => toDisclosure(deps.vault, r)) }
}
