import type { Transaction } from 'kysely'
import { EMBEDDED_PROVIDER } from '../../core/providers/index.js'
import type { FieldCipher } from '../../platform/crypto.js'
import type { Db } from '../../platform/db/index.js'
import type { ConsentsTable, Database } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { OVERSIGHT, requireClientAccess } from '../records/index.js'
import { consentCoversDisclosure, DISCLOSURE_CONSENT_KINDS } from './consent.policy.js'
import { findClientConsents, findConsent, insertConsent, markRevoked } from './consent.repo.js'
import {
  type Consent,
  ConsentKind,
  type ConsentList,
  ConsentMethod,
  ConsentScope,
  type DisclosureRequest,
  type RecordConsentInput,
  type RevokeConsentInput,
} from './consent.schema.js'

type Executor = Db | Transaction<Database>

/** Decrypt a consent row into the domain shape. */
export function toConsent(vault: FieldCipher, row: ConsentsTable, now: Date): Consent {
  const scope = ConsentScope.parse(JSON.parse(vault.decrypt(row.scope_enc, `consents.scope:${row.id}`)))
  const at = now.toISOString()
  return {
    id: row.id,
    clientId: row.client_id,
    kind: ConsentKind.parse(row.kind),
    scope,
    method: ConsentMethod.parse(row.method),
    signer: vault.decrypt(row.signer_enc, `consents.signer:${row.id}`),
    signedAt: row.signed_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revocationReason: vault.decryptNullable(
      row.revocation_reason_enc,
      `consents.revocation_reason:${row.id}`,
    ),
    createdBy: row.created_by,
    createdAt: row.created_at,
    active: row.signed_at <= at && !row.revoked_at && (!row.expires_at || row.expires_at > at),
  }
}

/** The client's active consents of one kind (optionally those whose scope passes `covers`). */
export async function activeConsents(
  db: Executor,
  vault: FieldCipher,
  query: {
    practiceId: string
    clientId: string
    kind: ConsentKind
    now: Date
    covers?: (scope: ConsentScope) => boolean
  },
): Promise<Consent[]> {
  const rows = await findClientConsents(db, { ...query, kinds: [query.kind], unrevoked: true })
  return rows
    .map((r) => toConsent(vault, r, query.now))
    .filter((c) => c.active && (!query.covers || query.covers(c.scope)))
}

/**
 * Rule 6, consent first: refuse AI processing of a session transcript (or recording) unless the
 * client's AI consent is active and covers that material (and, for an external provider, that provider).
 */
export async function requireAiConsent(
  db: Executor,
  vault: FieldCipher,
  query: {
    practiceId: string
    clientId: string
    now: Date
    material: 'transcript' | 'recording'
    providerId?: string
  },
): Promise<Consent> {
  // The embedded engine runs in-process: naming it asks no more than any active consent gives.
  const external = query.providerId === EMBEDDED_PROVIDER.id ? undefined : query.providerId
  const consents = await activeConsents(db, vault, {
    ...query,
    kind: 'ai-processing',
    covers: (s) =>
      s.kind === 'ai-processing' &&
      (query.material === 'transcript' ? s.transcripts : s.recordings) &&
      (!external || s.providers.includes(external)),
  })
  const consent = consents[0]
  if (!consent)
    throw new AppError(
      'CONSENT_REQUIRED',
      external
        ? "The client's AI-processing consent does not cover this AI provider. Record an updated consent first."
        : `Drafting from a session ${query.material} needs the client's documented consent to AI processing. Record it on the client's page (or revoked consent must be renewed), then try again.`,
    )
  return consent
}

/**
 * The active Part 2 consent (part2-disclosure or sud-counseling-notes) that permits disclosing the
 * client's records to this recipient for this purpose, or null. With `consentId`, only that consent
 * is considered (the one the user chose), and it must still match.
 */
export async function findDisclosureConsent(
  db: Executor,
  vault: FieldCipher,
  query: DisclosureRequest & { practiceId: string; clientId: string; now: Date; consentId?: string },
): Promise<Consent | null> {
  const rows = await findClientConsents(db, { ...query, kinds: DISCLOSURE_CONSENT_KINDS, unrevoked: true })
  const match = rows
    .filter((r) => !query.consentId || r.id === query.consentId)
    .map((r) => toConsent(vault, r, query.now))
    .find((c) => c.active && consentCoversDisclosure(c.scope, query))
  return match ?? null
}

/** Record a client's consent as documented on the form (clinical access needed). Audited. */
export async function recordConsent(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: RecordConsentInput & { clientId: string },
): Promise<Consent> {
  await requireClientAccess(deps, ctx, actor, input.clientId, {
    route: '/api/clients/:id/consents',
  })
  const now = deps.clock.now()
  checkConsentDates(input, now)
  const id = newId()
  const scope = ConsentScope.parse({ ...input.scope, kind: input.kind })
  const row: ConsentsTable = {
    id,
    practice_id: actor.practiceId,
    client_id: input.clientId,
    kind: input.kind,
    scope_enc: deps.vault.encrypt(JSON.stringify(scope), `consents.scope:${id}`),
    method: input.method,
    signer_enc: deps.vault.encrypt(input.signer, `consents.signer:${id}`),
    signed_at: input.signedAt,
    expires_at: input.expiresAt ?? null,
    revoked_at: null,
    revoked_by: null,
    revocation_reason_enc: null,
    created_by: actor.userId,
    created_at: now.toISOString(),
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertConsent(trx, row)
    await recordAudit(trx, deps, ctx, {
      action: 'consent.recorded',
      targetType: 'consent',
      targetId: id,
      clientId: input.clientId,
      details: { kind: input.kind, method: input.method, expires: row.expires_at !== null },
    })
  })
  return toConsent(deps.vault, row, now)
}

/** Every consent of a client (clinical access, or admin/privacy officer). The read is audited. */
export async function listConsents(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  clientId: string,
): Promise<ConsentList> {
  await requireClientAccess(deps, ctx, actor, clientId, {
    also: OVERSIGHT,
    route: '/api/clients/:id/consents',
  })
  const now = deps.clock.now()
  const rows = await findClientConsents(deps.db, { practiceId: actor.practiceId, clientId })
  const consents = rows.map((r) => toConsent(deps.vault, r, now))
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'consent.read',
      targetType: 'client',
      targetId: clientId,
      clientId,
      details: { count: consents.length },
    }),
  )
  return { consents }
}

/**
 * Revoke a consent (clinical access needed): from now on nothing relies on it (AI drafting,
 * disclosures). What was done before the revocation stays documented. Audited.
 */
export async function revokeConsent(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: RevokeConsentInput & { consentId: string },
): Promise<Consent> {
  const existing = await findConsent(deps.db, actor.practiceId, input.consentId)
  if (!existing) throw new AppError('NOT_FOUND', 'Consent not found.')
  await requireClientAccess(deps, ctx, actor, existing.client_id, {
    route: '/api/consents/:id/revoke',
  })
  const now = deps.clock.now()
  const at = now.toISOString()
  return deps.db.transaction().execute(async (trx) => {
    const revoked = await markRevoked(trx, existing.id, {
      at,
      by: actor.userId,
      reasonEnc: deps.vault.encrypt(input.reason, `consents.revocation_reason:${existing.id}`),
    })
    if (!revoked) throw new AppError('CONFLICT', 'This consent was already revoked.')
    await recordAudit(trx, deps, ctx, {
      action: 'consent.revoked',
      targetType: 'consent',
      targetId: existing.id,
      clientId: existing.client_id,
      details: { kind: existing.kind },
    })
    const row = await findConsent(trx, actor.practiceId, existing.id)
    return toConsent(deps.vault, row!, now)
  })
}

/** Dates a consent form must have: signed (not in the future), expiring after signing; Part 2 expires. */
function checkConsentDates(input: RecordConsentInput, now: Date): void {
  if (input.signedAt > now.toISOString())
    throw new AppError('VALIDATION_FAILED', 'The signature date is in the future.', { field: 'signedAt' })
  if (input.expiresAt && input.expiresAt <= input.signedAt)
    throw new AppError('VALIDATION_FAILED', 'The consent must expire after it was signed.', {
      field: 'expiresAt',
    })
  if (input.kind !== 'ai-processing' && !input.expiresAt && !input.scope.expirationEvent)
    throw new AppError(
      'VALIDATION_FAILED',
      'A Part 2 consent needs an expiration date or an expiration event (42 CFR 2.31(a)(6)).',
      { field: 'expiresAt' },
    )
  if (input.kind === 'ai-processing' && !input.scope.transcripts && !input.scope.recordings)
    throw new AppError(
      'VALIDATION_FAILED',
      'An AI-processing consent must cover transcripts, recordings or both.',
      { field: 'scope' },
    )
}
