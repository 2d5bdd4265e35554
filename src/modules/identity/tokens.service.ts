import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId, newSecret, sha256Hex } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import { allowedScopes, canManageUsers, canSeeToken } from './identity.policy.js'
import {
  findTokenInPractice,
  insertToken,
  listTokens as listTokenRows,
  markTokenRevoked,
} from './identity.repo.js'
import { type Actor, TokenScope } from './identity.schema.js'
import type { CreatedToken, CreateTokenInput, TokenView } from './tokens.schema.js'

/** Every API token starts with this, so a leaked one is recognisable (and scannable) as ours. */
export const TOKEN_PREFIX = 'sdn_'

const DAY = 86_400_000

function parseScopes(value: string): TokenScope[] {
  return value.split(',').filter((s): s is TokenScope => TokenScope.safeParse(s).success)
}

function status(
  row: { revoked_at: string | null; expires_at: string | null },
  now: string,
): TokenView['status'] {
  if (row.revoked_at) return 'revoked'
  if (row.expires_at && row.expires_at <= now) return 'expired'
  return 'active'
}

/** The actor's own tokens; an admin sees every token of the practice. Never a secret or hash. */
export async function listTokens(deps: Deps, actor: Actor): Promise<TokenView[]> {
  const now = deps.clock.now().toISOString()
  const rows = await listTokenRows(deps.db, actor.practiceId, canManageUsers(actor) ? null : actor.userId)
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    name: r.name,
    scopes: parseScopes(r.scopes),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
    status: status(r, now),
  }))
}

/**
 * Create an API token for the signed-in user with scopes their roles allow (a biller gets
 * `billing:read` and nothing more). The secret is returned once; only its SHA-256 is stored.
 * Tokens are made in a signed-in (and MFA-verified) session, never by another token.
 */
export async function createToken(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  input: CreateTokenInput,
): Promise<CreatedToken> {
  if (actor.via !== 'session') throw new AppError('FORBIDDEN', 'API tokens cannot create API tokens.')
  const allowed = allowedScopes(actor.roles)
  const refused = input.scopes.filter((s) => !allowed.includes(s))
  if (refused.length > 0)
    throw new AppError(
      'FORBIDDEN',
      `Your role does not allow ${refused.join(', ')} on a token. Allowed: ${allowed.join(', ') || 'none'}.`,
      { field: 'scopes' },
    )
  const now = deps.clock.now()
  const secret = `${TOKEN_PREFIX}${newSecret()}`
  const id = newId()
  const row = {
    id,
    practice_id: actor.practiceId,
    user_id: actor.userId,
    name: input.name,
    token_hash: sha256Hex(secret),
    scopes: [...input.scopes].sort().join(','),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + input.expiresInDays * DAY).toISOString(),
    last_used_at: null,
    revoked_at: null,
  }
  await deps.db.transaction().execute(async (trx) => {
    await insertToken(trx, row)
    await recordAudit(trx, deps, ctx, {
      action: 'token.created',
      targetType: 'api_token',
      targetId: id,
      details: { scopes: row.scopes, expiresAt: row.expires_at },
    })
  })
  return {
    id,
    userId: actor.userId,
    userName: actor.displayName,
    name: row.name,
    scopes: parseScopes(row.scopes),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: null,
    revokedAt: null,
    status: 'active',
    secret,
  }
}

/** Revoke a token (its owner, or an admin of the practice). Revoking twice changes nothing. */
export async function revokeToken(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  tokenId: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const token = await findTokenInPractice(trx, actor.practiceId, tokenId)
    // Someone else's token is as absent as a missing one: its existence is not the actor's business.
    if (!token || !canSeeToken(actor, token)) throw new AppError('NOT_FOUND', 'No such API token.')
    if (token.revoked_at) return
    await markTokenRevoked(trx, token.id, deps.clock.now().toISOString())
    await recordAudit(trx, deps, ctx, {
      action: 'token.revoked',
      targetType: 'api_token',
      targetId: token.id,
      details: { ownerId: token.user_id, byOwner: token.user_id === actor.userId },
    })
  })
}
