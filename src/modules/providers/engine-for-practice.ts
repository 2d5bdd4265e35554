import { createDraftingEngine, type OpenAiEngineOptions } from '../../adapters/openai/index.js'
import {
  type DraftingEngine,
  type DraftRequest,
  type EgressAuditEvent,
  egressDecision,
  embeddedEngine,
  type ProviderConfig,
  recipientOf,
} from '../../core/providers/index.js'
import type { ProvidersTable } from '../../platform/db/schema.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAuditNow } from '../audit/index.js'
import { findDisclosureConsent, requireAiConsent } from '../consent/index.js'
import { type DraftingEngineFor, type DraftingPreflight, jobContext } from '../notes/index.js'
import { findEncounter, findPracticeClient } from '../records/index.js'
import { findDraftingProvider, findProviderRow, listProviderRows } from './providers.repo.js'
import { EMBEDDED_ID, SERVER_ID } from './providers.schema.js'
import { apiKeyOf, effectiveDefault, providerConfigOf } from './providers.service.js'
import { serverProvider } from './server-engine.js'

/** The client (and session) a draft is for: what the consent checks need. */
export interface DraftSubject {
  clientId: string
  /** The session; its source decides whether the AI-processing consent applies (transcripts). */
  encounterId?: string | undefined
}

export interface EngineForPracticeOptions {
  /** The provider the clinician named; without it, the practice's default, else the server's engine. */
  providerId?: string | undefined
  /**
   * Whose record is drafted. An external provider is used only with it: the client's AI-processing
   * consent must name the provider, and a Part 2 record needs a Part 2 consent that covers it.
   */
  subject?: DraftSubject | undefined
  /** Who asked (the job's requester); egress events are recorded in their name. */
  audit?: AuditContext | undefined
  /** Tests: where `apiKeyRef` variables are read, and the transport knobs of the HTTP engine. */
  env?: NodeJS.ProcessEnv | undefined
  engine?: Pick<
    OpenAiEngineOptions,
    'fetch' | 'sleep' | 'retry' | 'timeoutMs' | 'attempts' | 'requestTimeoutMs' | 'stream' | 'random'
  >
}

/** Purposes under which drafting the client's own note by a contracted model is a Part 2 use. */
const PART2_PURPOSES = ['treatment', 'health-care-operations'] as const

function systemContext(practiceId: string): AuditContext {
  return {
    practiceId,
    actorId: null,
    actorRole: 'system',
    ip: null,
    userAgent: 'sidenote-providers',
    requestId: null,
  }
}

/** The provider a draft should use, and its registry row when it has one. */
async function chooseProvider(
  deps: Deps,
  practiceId: string,
  providerId: string | undefined,
): Promise<{ provider: ProviderConfig; row?: ProvidersTable }> {
  const server = serverProvider(deps.config)
  const embedded = { provider: embeddedEngine.provider }
  const id =
    providerId ??
    effectiveDefault(
      deps,
      await findDraftingProvider(deps.db, practiceId),
      await listProviderRows(deps.db, practiceId),
    )
  if (id === EMBEDDED_ID) return embedded
  if (id === SERVER_ID) {
    if (!server) throw new AppError('NOT_FOUND', 'The server is not configured with a model.')
    return { provider: server }
  }
  const row = await activeProviderRow(deps, practiceId, id)
  return { provider: providerConfigOf(row), row }
}

/** A provider of the practice's registry that may be used now: NOT_FOUND if unknown, CONFLICT if disabled. */
export async function activeProviderRow(deps: Deps, practiceId: string, id: string): Promise<ProvidersTable> {
  const row = await findProviderRow(deps.db, practiceId, id)
  if (!row) throw new AppError('NOT_FOUND', 'No such AI provider in this practice.')
  if (row.active !== 1)
    throw new AppError('CONFLICT', `The AI provider "${row.name}" is disabled in the practice's registry.`)
  return row
}

/**
 * Does the client's active Part 2 consent name this provider (its registry id or its name) as a
 * recipient for treatment or health-care operations?
 */
export async function part2ConsentCovers(
  deps: Deps,
  practiceId: string,
  clientId: string,
  provider: ProviderConfig,
): Promise<boolean> {
  const now = deps.clock.now()
  for (const recipient of [provider.id, provider.name])
    for (const purpose of PART2_PURPOSES)
      if (await findDisclosureConsent(deps.db, deps.vault, { practiceId, clientId, now, recipient, purpose }))
        return true
  return false
}

/** The egress audit sink: one hash-chained event per call or refusal, in its own transaction, no text. */
export function egressAudit(deps: Deps, ctx: AuditContext, clientId: string | undefined) {
  return async (event: EgressAuditEvent): Promise<void> => {
    const refused = event.outcome === 'refused'
    await recordAuditNow(deps, ctx, {
      action: refused ? 'ai.egress_refused' : event.outcome === 'deleted' ? 'audio.deleted' : 'ai.egress',
      outcome: refused ? 'denied' : 'success',
      targetType: 'provider',
      targetId: event.recipient.providerId,
      ...(clientId ? { clientId } : {}),
      details: {
        purpose: event.purpose,
        category: event.category,
        part2: event.part2,
        recipient: event.recipient.name,
        host: event.recipient.host,
        locality: event.recipient.locality,
        characters: event.characters,
        bytes: event.bytes ?? null,
        attempt: event.attempt ?? null,
        reason: event.reason ?? null,
      },
    })
  }
}

/**
 * The drafting engine a practice configured, behind the egress guard. Embedded: nothing leaves.
 * External (the practice network or hosted), at each draft:
 * - the client's AI-processing consent must name the provider (for a session transcript);
 * - a Part 2 record needs the client's active Part 2 consent naming the provider (its registry id
 *   or name) for treatment or health-care operations;
 * - a hosted provider needs an active BAA (the core guard);
 * each refusal is a typed error (CONSENT_REQUIRED / EGRESS_REFUSED) and an `ai.egress_refused`
 * event, and every call is an `ai.egress` event (category, recipient, characters, never the text)
 * written before the request is made.
 */
export async function engineForPractice(
  deps: Deps,
  practiceId: string,
  options: EngineForPracticeOptions = {},
): Promise<DraftingEngine> {
  const { provider, row } = await chooseProvider(deps, practiceId, options.providerId)
  if (provider.kind === 'embedded') return embeddedEngine
  const ctx = options.audit ?? systemContext(practiceId)
  const subject = options.subject
  const audit = egressAudit(deps, ctx, subject?.clientId)
  const apiKey = row ? apiKeyOf(deps, row, options.env) : deps.config.openaiApiKey
  const inner = createDraftingEngine(provider, {
    ...options.engine,
    apiKey,
    audit,
    now: () => deps.clock.now(),
  })

  const refuse = (request: DraftRequest, reason: string) =>
    refuseDraft(audit, provider, {
      code: 'CONSENT_REQUIRED',
      reason,
      part2: request.data.part2,
      at: deps.clock.now(),
    })

  return {
    name: inner.name,
    version: inner.version,
    provider,
    async draft(request, context) {
      if (!subject)
        return refuse(
          request,
          `Drafting with "${provider.name}" needs the client's consent, which could not be checked here. Draft with the embedded engine.`,
        )
      const now = deps.clock.now()
      const client = await findPracticeClient(deps.db, practiceId, subject.clientId)
      if (!client) throw new AppError('NOT_FOUND', 'The client of this draft was not found.')
      const encounter = subject.encounterId
        ? await findEncounter(deps.db, practiceId, subject.encounterId)
        : undefined
      const material = encounter?.source === 'audio' ? 'recording' : 'transcript'
      if (
        encounter?.source !== 'dictation' &&
        !(await aiConsentNames(deps, practiceId, subject.clientId, provider, material, now))
      )
        return refuse(request, notNamed(provider))
      const part2 = request.data.part2 || client.part2 === 1 || encounter?.part2 === 1
      const covered = part2 && (await part2ConsentCovers(deps, practiceId, subject.clientId, provider))
      return inner.draft({ ...request, data: { part2, part2ConsentCoversProvider: covered } }, context)
    },
  }
}

/**
 * The upload's check (`DraftingPreflight`): the rules `engineForPractice` applies at each draft,
 * asked before the session is stored, with nothing sent. The embedded engine needs nothing; an
 * external provider needs the client's AI-processing consent naming it (for a transcript), a Part 2
 * consent covering it for a Part 2 record, and an active BAA when hosted. A provider that is
 * unknown or disabled is refused here too.
 */
export const draftingPreflight: DraftingPreflight = async (deps, ctx, practiceId, providerId, subject) => {
  const { provider } = await chooseProvider(deps, practiceId, providerId)
  if (provider.kind === 'embedded') return
  const now = deps.clock.now()
  // A refusal is an egress refused, audited as the job's would be (nothing was sent).
  const refuse = (code: 'CONSENT_REQUIRED' | 'EGRESS_REFUSED', reason: string) =>
    refuseDraft(egressAudit(deps, ctx, subject.clientId), provider, {
      code,
      reason,
      part2: subject.part2,
      at: now,
    })
  if (
    subject.source === 'transcript' &&
    !(await aiConsentNames(deps, practiceId, subject.clientId, provider, 'transcript', now))
  )
    return refuse('CONSENT_REQUIRED', notNamed(provider))
  const covered = subject.part2 && (await part2ConsentCovers(deps, practiceId, subject.clientId, provider))
  const decision = egressDecision(
    provider,
    { containsPhi: true, part2: subject.part2, part2ConsentCoversProvider: covered },
    now,
  )
  if (!decision.allowed) return refuse(decision.code, decision.reason)
}

/** Does the client's AI-processing consent to this material name the provider? */
export async function aiConsentNames(
  deps: Deps,
  practiceId: string,
  clientId: string,
  provider: ProviderConfig,
  material: 'transcript' | 'recording',
  now: Date,
): Promise<boolean> {
  try {
    await requireAiConsent(deps.db, deps.vault, {
      practiceId,
      clientId,
      now,
      material,
      providerId: provider.id,
    })
    return true
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONSENT_REQUIRED') return false
    throw error
  }
}

/**
 * A draft refused before anything was sent, by the engine or the upload's preflight alike: an
 * `ai.egress_refused` event (no text), then the typed error naming the provider.
 */
async function refuseDraft(
  audit: (event: EgressAuditEvent) => Promise<void>,
  provider: ProviderConfig,
  refusal: { code: 'CONSENT_REQUIRED' | 'EGRESS_REFUSED'; reason: string; part2: boolean; at: Date },
): Promise<never> {
  await audit({
    type: 'ai.egress',
    purpose: 'draft',
    category: 'transcript-deidentified',
    part2: refusal.part2,
    recipient: recipientOf(provider),
    characters: 0,
    outcome: 'refused',
    reason: refusal.reason,
    at: refusal.at.toISOString(),
  })
  throw new AppError(refusal.code, refusal.reason, {
    detail: { providerId: provider.id, locality: provider.locality },
  })
}

function notNamed(provider: ProviderConfig): string {
  return `The client's AI-processing consent does not name the provider "${provider.name}"; session text goes only to providers the client agreed to. Record an updated consent, or draft with the embedded engine.`
}

/**
 * The draft-note job's seam (`draftingEngineFor`): the practice's engine for each job, bound to the
 * job's client and session (so the consent checks can run) and audited as the job's requester.
 */
export function draftingEngineForJob(
  options: Omit<EngineForPracticeOptions, 'providerId' | 'subject' | 'audit'> = {},
): DraftingEngineFor {
  return (deps, practiceId, providerId, job) =>
    engineForPractice(deps, practiceId, {
      ...options,
      providerId,
      subject: { clientId: job.clientId, encounterId: job.encounterId },
      audit: jobContext(practiceId, job.requestedBy),
    })
}
