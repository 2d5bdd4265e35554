import type { Transaction } from 'kysely'
import type { FieldCipher } from '../../platform/crypto.js'
import type { Db } from '../../platform/db/index.js'
import type { ConsentsTable, Database } from '../../platform/db/schema.js'
import { AppError } from '../../platform/errors.js'
import { type Consent, ConsentKind, ConsentMethod, ConsentScope } from './consent.schema.js'

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
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('practice_id', '=', query.practiceId)
    .where('client_id', '=', query.clientId)
    .where('kind', '=', query.kind)
    .where('revoked_at', 'is', null)
    .orderBy('signed_at', 'desc')
    .execute()
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
  const consents = await activeConsents(db, vault, {
    ...query,
    kind: 'ai-processing',
    covers: (s) =>
      s.kind === 'ai-processing' &&
      (query.material === 'transcript' ? s.transcripts : s.recordings) &&
      (!query.providerId || s.providers.includes(query.providerId)),
  })
  const consent = consents[0]
  if (!consent)
    throw new AppError(
      'CONSENT_REQUIRED',
      query.providerId
        ? "The client's AI-processing consent does not cover this AI provider. Record an updated consent first."
        : `Drafting from a session ${query.material} needs the client's documented consent to AI processing. Record it on the client's page (or revoked consent must be renewed), then try again.`,
    )
  return consent
}
