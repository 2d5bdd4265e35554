import { type Baa, baaStatus, guessLocality, type ProviderConfig } from '../../core/providers/index.js'
import type { ProvidersTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { newId } from '../../platform/ids.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import {
  findDraftingProvider,
  findProviderRow,
  insertProviderRow,
  listProviderRows,
  lockPracticeRow,
  setDraftingProvider,
  updateProviderRow,
} from './providers.repo.js'
import {
  type BaaState,
  BUILT_IN_IDS,
  type CreateProviderInput,
  EMBEDDED_ID,
  ProviderChoice,
  type ProviderChoices,
  type ProviderList,
  type ProviderView,
  SERVER_ID,
  type UpdateProviderInput,
} from './providers.schema.js'
import { EMBEDDED_ENTRY, serverProvider } from './server-engine.js'

const apiKeyContext = (id: string) => `providers.api_key:${id}`

function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin'))
    throw new AppError('FORBIDDEN', "Only an admin may manage the practice's AI providers.")
}

function baaOf(row: ProvidersTable): Baa | undefined {
  if (!row.baa_signed_at || !row.baa_reference) return undefined
  return {
    signedAt: row.baa_signed_at,
    reference: row.baa_reference,
    ...(row.baa_expires_at ? { expiresAt: row.baa_expires_at } : {}),
  }
}

/** A registry row as the ProviderConfig the engines and the egress guard take (no key in it). */
export function providerConfigOf(row: ProvidersTable): ProviderConfig {
  const baa = baaOf(row)
  return {
    id: row.registry_id ?? row.id,
    name: row.name,
    kind: 'openai-compatible',
    locality: row.locality === 'hosted' ? 'hosted' : 'practice-network',
    deidentify: row.deidentify !== 0,
    ...(row.base_url ? { baseUrl: row.base_url } : {}),
    ...(row.model ? { model: row.model } : {}),
    ...(baa ? { baa } : {}),
    ...(row.api_key_ref ? { apiKeyRef: row.api_key_ref } : {}),
  }
}

function baaState(p: ProviderConfig, now: Date): BaaState {
  return p.locality === 'hosted' ? baaStatus(p.baa, now).state : 'not-needed'
}

function view(
  p: ProviderConfig,
  now: Date,
  extra: { hasApiKey: boolean; active: boolean; draftingDefault: boolean; builtIn: boolean },
  row?: ProvidersTable,
): ProviderView {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    ...(p.baseUrl ? { baseUrl: p.baseUrl } : {}),
    ...(p.model ? { model: p.model } : {}),
    locality: p.locality,
    ...(p.baa ? { baa: p.baa } : {}),
    baaStatus: baaState(p, now),
    ...(p.apiKeyRef ? { apiKeyRef: p.apiKeyRef } : {}),
    deidentify: p.deidentify,
    ...extra,
    createdAt: row?.created_at ?? null,
    updatedAt: row?.updated_at ?? null,
  }
}

/**
 * Which provider drafts when the clinician names none: the practice's choice while it is usable
 * (a disabled or removed entry is not), else the server's configured engine.
 */
export function effectiveDefault(
  deps: Pick<Deps, 'config'>,
  chosen: string | null,
  rows: readonly ProvidersTable[],
): string {
  const server = serverProvider(deps.config)
  if (chosen === EMBEDDED_ID) return EMBEDDED_ID
  if (chosen === SERVER_ID && server) return SERVER_ID
  if (chosen && rows.some((r) => r.registry_id === chosen && r.active === 1)) return chosen
  return server ? SERVER_ID : EMBEDDED_ID
}

async function loadList(deps: Deps, practiceId: string): Promise<ProviderList> {
  const [rows, chosen] = await Promise.all([
    listProviderRows(deps.db, practiceId),
    findDraftingProvider(deps.db, practiceId),
  ])
  return listView(deps, rows, chosen)
}

async function loadOne(deps: Deps, practiceId: string, id: string): Promise<ProviderView> {
  const found = (await loadList(deps, practiceId)).providers.find((p) => p.id === id)
  if (!found) throw new AppError('NOT_FOUND', 'No such provider in this practice.')
  return found
}

function listView(deps: Deps, rows: ProvidersTable[], chosen: string | null): ProviderList {
  const now = deps.clock.now()
  const def = effectiveDefault(deps, chosen, rows)
  const server = serverProvider(deps.config)
  const builtIn = [EMBEDDED_ENTRY, ...(server ? [server] : [])].map((p) =>
    view(p, now, {
      hasApiKey: p.id === SERVER_ID && Boolean(deps.config.openaiApiKey),
      active: true,
      draftingDefault: def === p.id,
      builtIn: true,
    }),
  )
  const registry = rows.map((r) =>
    view(
      providerConfigOf(r),
      now,
      {
        hasApiKey: r.api_key_enc !== null,
        active: r.active === 1,
        draftingDefault: def === r.registry_id,
        builtIn: false,
      },
      r,
    ),
  )
  return { providers: [...builtIn, ...registry] }
}

/** The practice's providers: the built-in engines first, then its registry (admin). */
export async function listProviders(deps: Deps, actor: Actor): Promise<ProviderList> {
  requireAdmin(actor)
  return loadList(deps, actor.practiceId)
}

/**
 * The outside providers a clinician may name in a consent or transcribe with: active ones only,
 * the in-process engine left out (it needs no consent naming it), in the admin list's order.
 */
export async function listProviderChoices(deps: Deps, actor: Actor): Promise<ProviderChoices> {
  const { providers } = await loadList(deps, actor.practiceId)
  return {
    // The schema's pick is the one list of what a clinician sees (parse drops the rest).
    providers: providers.filter((p) => p.active && p.id !== EMBEDDED_ID).map((p) => ProviderChoice.parse(p)),
  }
}

/** The audit snapshot of an entry: every setting, never a key (only whether one is stored). */
function snapshot(row: ProvidersTable): Record<string, string | number | boolean | null> {
  return {
    name: row.name,
    baseUrl: row.base_url,
    model: row.model,
    locality: row.locality,
    'baa.signedAt': row.baa_signed_at,
    'baa.expiresAt': row.baa_expires_at,
    'baa.reference': row.baa_reference,
    apiKeyRef: row.api_key_ref,
    hasApiKey: row.api_key_enc !== null,
    deidentify: row.deidentify === 1,
    active: row.active === 1,
  }
}

function changes(
  before: ReturnType<typeof snapshot> | null,
  after: ReturnType<typeof snapshot>,
  keyReplaced: boolean,
): Record<string, string | number | boolean | null> {
  const details: Record<string, string | number | boolean | null> = {}
  const changed: string[] = []
  for (const [k, v] of Object.entries(after)) {
    const old = before ? before[k] : null
    if (before && old === v && !(k === 'hasApiKey' && keyReplaced)) continue
    changed.push(k)
    if (before) details[`${k}.before`] = old ?? null
    details[`${k}.after`] = v
  }
  // A replaced key shows as changed; neither key is ever written here.
  if (keyReplaced) details.apiKeyReplaced = true
  details.changed = changed.join(',')
  return details
}

/**
 * A public host named "on the practice's network" would escape the BAA rule: refuse it. Loopback,
 * private ranges and single-label or .local/.lan/.internal names are the practice's network.
 */
function checkLocality(baseUrl: string, locality: 'practice-network' | 'hosted'): void {
  if (locality === 'practice-network' && guessLocality(baseUrl) === 'hosted')
    throw new AppError(
      'VALIDATION_FAILED',
      "This address is not on a private network, so the provider counts as hosted (a BAA is needed before session text may go there). Use the server's private address or a .local/.lan/.internal name, or register it as hosted.",
      { field: 'locality' },
    )
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /unique|duplicate/i.test(error.message)
}

/** Add an OpenAI-compatible provider to the practice's registry (admin). Audited without the key. */
export async function createProvider(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  input: CreateProviderInput,
): Promise<ProviderView> {
  requireAdmin(actor)
  checkLocality(input.baseUrl, input.locality)
  const now = deps.clock.now().toISOString()
  const id = newId()
  const row: ProvidersTable = {
    id,
    practice_id: actor.practiceId,
    registry_id: input.id,
    name: input.name,
    kind: 'openai-compatible',
    base_url: input.baseUrl,
    model: input.model,
    locality: input.locality,
    baa_signed_at: input.baa?.signedAt ?? null,
    baa_expires_at: input.baa?.expiresAt ?? null,
    baa_reference: input.baa?.reference ?? null,
    api_key_enc: input.apiKey ? deps.vault.encrypt(input.apiKey, apiKeyContext(id)) : null,
    api_key_ref: input.apiKeyRef ?? null,
    deidentify: input.deidentify ? 1 : 0,
    active: 1,
    created_at: now,
    updated_at: now,
  }
  try {
    await deps.db.transaction().execute(async (trx) => {
      await lockPracticeRow(trx, deps.dbKind === 'postgres', actor.practiceId)
      if (await findProviderRow(trx, actor.practiceId, input.id))
        throw new AppError('CONFLICT', `The practice already has a provider with the id "${input.id}".`, {
          field: 'id',
        })
      const before = input.draftingDefault
        ? effectiveDefault(
            deps,
            await findDraftingProvider(trx, actor.practiceId),
            await listProviderRows(trx, actor.practiceId),
          )
        : null
      await insertProviderRow(trx, row)
      if (input.draftingDefault) await setDraftingProvider(trx, actor.practiceId, input.id)
      await recordAudit(trx, deps, ctx, {
        action: 'provider.changed',
        targetType: 'provider',
        targetId: input.id,
        details: {
          change: 'created',
          ...changes(null, snapshot(row), false),
          ...(before ? { 'draftingDefault.before': before, 'draftingDefault.after': input.id } : {}),
        },
      })
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', `The practice already has a provider with the id "${input.id}".`)
    throw error
  }
  return loadOne(deps, actor.practiceId, input.id)
}

/**
 * Change a provider (admin): endpoint, model, locality, BAA, key, active, or make it the drafting
 * default. The built-in engines can only be made the default. Audited with before/after, no key.
 */
export async function updateProvider(
  deps: Deps,
  actor: Actor,
  ctx: AuditContext,
  registryId: string,
  input: UpdateProviderInput,
): Promise<ProviderView> {
  requireAdmin(actor)
  const now = deps.clock.now().toISOString()
  if (BUILT_IN_IDS.includes(registryId)) {
    const server = serverProvider(deps.config)
    if (registryId === SERVER_ID && !server)
      throw new AppError('NOT_FOUND', 'The server is not configured with a model (SIDENOTE_ENGINE=openai).')
    const keys = Object.keys(input)
    if (keys.length !== 1 || input.draftingDefault !== true)
      throw new AppError(
        'CONFLICT',
        'A built-in engine is configured on the server; the practice can only make it the drafting default.',
      )
    await deps.db.transaction().execute(async (trx) => {
      await lockPracticeRow(trx, deps.dbKind === 'postgres', actor.practiceId)
      const rows = await listProviderRows(trx, actor.practiceId)
      const before = effectiveDefault(deps, await findDraftingProvider(trx, actor.practiceId), rows)
      await setDraftingProvider(trx, actor.practiceId, registryId)
      if (before === registryId) return
      await recordAudit(trx, deps, ctx, {
        action: 'provider.changed',
        targetType: 'provider',
        targetId: registryId,
        details: {
          change: 'drafting-default',
          'draftingDefault.before': before,
          'draftingDefault.after': registryId,
        },
      })
    })
    return loadOne(deps, actor.practiceId, registryId)
  }

  await deps.db.transaction().execute(async (trx) => {
    await lockPracticeRow(trx, deps.dbKind === 'postgres', actor.practiceId)
    const current = await findProviderRow(trx, actor.practiceId, registryId)
    if (!current) throw new AppError('NOT_FOUND', 'No such provider in this practice.')
    const baseUrl = input.baseUrl ?? current.base_url ?? ''
    const locality = input.locality ?? (current.locality === 'hosted' ? 'hosted' : 'practice-network')
    if (input.baseUrl !== undefined || input.locality !== undefined) checkLocality(baseUrl, locality)
    // A stored key goes to no new host unasked: moving the provider elsewhere needs the key again.
    if (
      input.baseUrl !== undefined &&
      current.api_key_enc !== null &&
      input.apiKey === undefined &&
      input.apiKeyRef === undefined &&
      new URL(input.baseUrl).host !== new URL(current.base_url ?? input.baseUrl).host
    )
      throw new AppError(
        'VALIDATION_FAILED',
        'The provider moves to another host: give its key again (apiKey), or remove it (apiKey: null), in the same change.',
        { field: 'apiKey' },
      )
    const active = input.active ?? current.active === 1
    if (input.draftingDefault && !active)
      throw new AppError('CONFLICT', 'A disabled provider cannot be the drafting default.')
    const keyReplaced = input.apiKey !== undefined
    const patch = {
      name: input.name ?? current.name,
      base_url: baseUrl,
      model: input.model ?? current.model,
      locality,
      ...(input.baa !== undefined
        ? {
            baa_signed_at: input.baa?.signedAt ?? null,
            baa_expires_at: input.baa?.expiresAt ?? null,
            baa_reference: input.baa?.reference ?? null,
          }
        : {}),
      ...(input.apiKeyRef !== undefined ? { api_key_ref: input.apiKeyRef, api_key_enc: null } : {}),
      ...(input.apiKey !== undefined
        ? {
            api_key_enc: input.apiKey ? deps.vault.encrypt(input.apiKey, apiKeyContext(current.id)) : null,
            ...(input.apiKey ? { api_key_ref: null } : {}),
          }
        : {}),
      deidentify: input.deidentify === undefined ? current.deidentify : input.deidentify ? 1 : 0,
      active: active ? 1 : 0,
      updated_at: now,
    }
    const chosen = await findDraftingProvider(trx, actor.practiceId)
    const rowsBefore = await listProviderRows(trx, actor.practiceId)
    const defaultBefore = effectiveDefault(deps, chosen, rowsBefore)
    const updated = await updateProviderRow(trx, current.id, patch)
    // A disabled provider stops being the default; the practice then drafts with the server's engine.
    if (input.draftingDefault) await setDraftingProvider(trx, actor.practiceId, registryId)
    else if (!active && chosen === registryId) await setDraftingProvider(trx, actor.practiceId, null)
    const defaultAfter = effectiveDefault(
      deps,
      await findDraftingProvider(trx, actor.practiceId),
      rowsBefore.map((r) => (r.id === updated.id ? updated : r)),
    )
    const details = changes(snapshot(current), snapshot(updated), keyReplaced)
    if (defaultBefore !== defaultAfter) {
      details.changed = [details.changed, 'draftingDefault'].filter(Boolean).join(',')
      details['draftingDefault.before'] = defaultBefore
      details['draftingDefault.after'] = defaultAfter
    }
    if (details.changed === '' && !keyReplaced) return
    await recordAudit(trx, deps, ctx, {
      action: 'provider.changed',
      targetType: 'provider',
      targetId: registryId,
      details: { change: 'updated', ...details },
    })
  })
  return loadOne(deps, actor.practiceId, registryId)
}

/** The key of a registry entry: the stored one (decrypted), or the named environment variable's. */
export function apiKeyOf(
  deps: Deps,
  row: ProvidersTable,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (row.api_key_enc) return deps.vault.decrypt(row.api_key_enc, apiKeyContext(row.id))
  if (!row.api_key_ref) return undefined
  const key = env[row.api_key_ref]
  if (!key)
    throw new AppError(
      'PROVIDER_FAILED',
      `The key of provider "${row.name}" is not available: the environment variable ${row.api_key_ref} is not set on the server.`,
      { detail: { providerId: row.registry_id } },
    )
  return key
}
