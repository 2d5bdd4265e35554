import { AppError } from '../../platform/errors.js'
import type { Draft, Flag, NoteFormat } from '../drafting/draft.schema.js'
import { sameMember } from '../drafting/voices.js'
import type { Transcript } from '../transcript/utterance.js'
import { egressDecision, enforceEgress, recipientOf } from './egress.policy.js'
import type {
  ChatMessage,
  ChatModel,
  ChatResponse,
  DraftContext,
  DraftingEngine,
  DraftRequest,
} from './engine.js'
import { modelAnswerJsonSchema } from './model-answer.js'
import { buildModelInput } from './model-input.js'
import { describeRejections, guardModelAnswer } from './output-guard.js'
import type { DraftPrompt } from './prompt.js'
import type { EgressAudit, Provenance, ProviderConfig, TokenCounts } from './provider.schema.js'
import {
  DEFAULT_RETRY,
  formatSeconds,
  providerFailureInfo,
  providerTimeout,
  type RetryPolicy,
  realSleep,
  type Sleep,
  withRetries,
} from './retry.js'

export const MODEL_ENGINE = { name: 'openai-compatible', version: '1.0.0' } as const

/** Everything a model engine needs; chosen by the caller (server configuration or CLI flags). */
export interface ModelEngineDeps {
  provider: ProviderConfig
  chat: ChatModel
  /** The instructions for a note format (loaded from `prompts/` with their hash). */
  prompt: (format: NoteFormat) => DraftPrompt
  audit: EgressAudit
  now?: () => Date
  sleep?: Sleep
  random?: () => number
  retry?: RetryPolicy
  /** The whole draft, all attempts and retries included, must finish within this. */
  timeoutMs?: number
  /** Model answers to ask for before giving up (the "two failed attempts"). */
  attempts?: number
}

export const DEFAULT_TIMEOUT_MS = 300_000
export const DEFAULT_ATTEMPTS = 2

/** Risk flags the note is about: in a group note, the member's own and third parties'. */
export function focusFlags(flags: readonly Flag[], format: NoteFormat, member?: string): Flag[] {
  if (format !== 'group' || !member) return [...flags]
  return flags.filter((f) => !f.speaker || sameMember(f.speaker, member) || f.subject === 'third-party')
}

function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  const add = (x: number | null, y: number | null) => (x === null && y === null ? null : (x ?? 0) + (y ?? 0))
  return { prompt: add(a.prompt, b.prompt), completion: add(a.completion, b.completion) }
}

function transcriptSummary(transcript: Transcript): Draft['transcript'] {
  return {
    utterances: transcript.utterances.length,
    minutes: transcript.minutes,
    speakers: transcript.speakers.map((s) => ({ label: s.label, role: s.role })),
  }
}

/**
 * Some servers (Ollama) silently cut a prompt longer than the model's context window. English
 * text runs 3 to 5 characters a token; a reported prompt under one token per 8 characters means
 * the model cannot have read everything it was sent.
 */
export function truncationWarning(sentCharacters: number, promptTokens: number | null): string | null {
  if (promptTokens === null || sentCharacters < 2000) return null
  if (promptTokens * 8 >= sentCharacters) return null
  return `The model reported reading ${promptTokens} tokens of a prompt of ${sentCharacters} characters: its context window probably cut part of the session off. Raise the model's context length (Ollama: OLLAMA_CONTEXT_LENGTH) and draft again, or review this draft for omissions.`
}

/** Attach what is known of the run to a provider error, so a fallback can record it. */
function withProvenance(error: unknown, provenance: Provenance): unknown {
  if (!(error instanceof AppError) || !providerFailureInfo(error)) return error
  return new AppError(error.code, error.message, { detail: { ...error.detail, provenance }, cause: error })
}

/**
 * A language model as a drafting engine: egress guard (audited), minimum necessary and
 * de-identification, the chat call with retries, the output guard with one more try on a bad
 * answer, and identifiers restored. It throws PROVIDER_FAILED / PROVIDER_TIMEOUT (with provenance
 * in `detail`) when no usable draft came back, so the pipeline can fall back.
 */
export function createModelEngine(deps: ModelEngineDeps): DraftingEngine {
  const { provider, chat, audit } = deps
  const now = deps.now ?? (() => new Date())
  const sleep = deps.sleep ?? realSleep
  const retry = deps.retry ?? DEFAULT_RETRY
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxAttempts = Math.max(1, deps.attempts ?? DEFAULT_ATTEMPTS)
  const recipient = recipientOf(provider)

  async function draft(request: DraftRequest, context: DraftContext = {}): Promise<Draft> {
    context.signal?.throwIfAborted()
    const startedAt = now()
    const decision = egressDecision(provider, { containsPhi: true, ...request.data }, startedAt)
    const category = decision.deidentify ? 'transcript-deidentified' : 'transcript-identified'
    if (!decision.allowed) {
      await audit({
        type: 'ai.egress',
        purpose: 'draft',
        category,
        part2: request.data.part2,
        recipient,
        characters: 0,
        outcome: 'refused',
        reason: decision.reason,
        at: startedAt.toISOString(),
      })
      enforceEgress(decision, provider)
    }

    const input = buildModelInput(request, decision.deidentify)
    context.onProgress?.({
      stage: 'deidentified',
      utterances: input.payload.utterances.length,
      characters: input.text.length,
    })
    const prompt = deps.prompt(request.format)
    const jsonSchema = { name: `${request.format}_note`, schema: modelAnswerJsonSchema(request.format) }
    const messages: ChatMessage[] = [
      { role: 'system', content: prompt.text },
      { role: 'user', content: input.text },
    ]

    const deadline = performance.now() + timeoutMs
    const overall = AbortSignal.timeout(timeoutMs)
    const signal = context.signal ? AbortSignal.any([context.signal, overall]) : overall
    let tokens: TokenCounts = { prompt: null, completion: null }
    let model = provider.model ?? 'unknown'
    let attempts = 0
    const provenance = (fallback?: string): Provenance => ({
      provider: provider.id,
      providerName: provider.name,
      locality: provider.locality,
      model,
      promptVersion: prompt.version,
      promptSha256: prompt.sha256,
      startedAt: startedAt.toISOString(),
      finishedAt: now().toISOString(),
      tokens,
      attempts,
      deidentified: input.deidentified,
      ...(fallback ? { fallback } : {}),
    })

    const ask = (attempt: number): Promise<ChatResponse> =>
      withRetries(
        () =>
          chat.complete(
            { messages, jsonSchema, temperature: 0 },
            {
              signal,
              // Audited before any byte leaves: if the audit cannot be written, nothing is sent.
              beforeSend: async ({ characters, bytes }) =>
                audit({
                  type: 'ai.egress',
                  purpose: 'draft',
                  category,
                  part2: request.data.part2,
                  recipient,
                  characters,
                  bytes,
                  outcome: 'sent',
                  attempt,
                  at: now().toISOString(),
                }),
              onTokens: (n) => context.onProgress?.({ stage: 'receiving', attempt, tokens: n }),
            },
          ),
        retry,
        signal,
        {
          sleep,
          ...(deps.random ? { random: deps.random } : {}),
          remainingMs: () => deadline - performance.now(),
          onRetry: (_n, delayMs, reason) =>
            context.onProgress?.({ stage: 'retrying', attempt, delayMs, reason }),
        },
      )

    let lastProblem = ''
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      attempts = attempt
      context.onProgress?.({ stage: 'requesting', attempt })
      let response: ChatResponse
      try {
        response = await ask(attempt)
      } catch (error) {
        if (context.signal?.aborted) throw context.signal.reason
        if (overall.aborted)
          throw withProvenance(
            providerTimeout(`the model did not answer within ${formatSeconds(timeoutMs)}`, false),
            provenance(),
          )
        throw withProvenance(error, provenance())
      }
      tokens = addTokens(tokens, response.usage)
      model = response.model || model
      context.onProgress?.({ stage: 'checking', attempt })
      const guarded = guardModelAnswer(response.content, {
        format: request.format,
        evidenceIds: input.evidenceIds,
        map: input.map,
      })
      if (guarded.ok) {
        const sent = messages.reduce((n, m) => n + m.content.length, 0)
        const cut = truncationWarning(sent, response.usage.prompt)
        return {
          format: request.format,
          engine: { name: MODEL_ENGINE.name, version: MODEL_ENGINE.version, provenance: provenance() },
          transcript: transcriptSummary(request.transcript),
          sections: guarded.sections,
          flags: focusFlags(request.riskFlags, request.format, request.member),
          warnings: cut ? [...guarded.warnings, cut] : guarded.warnings,
        }
      }
      lastProblem = describeRejections(guarded.rejections)
      messages.splice(2, messages.length - 2, {
        role: 'user',
        content: `Your previous answer was rejected: ${lastProblem}. Answer again with only the JSON object, every statement citing ids from the input.`,
      })
    }
    throw withProvenance(
      new AppError(
        'PROVIDER_FAILED',
        `the model's answer failed the output guard ${maxAttempts} time${maxAttempts > 1 ? 's' : ''} (${lastProblem})`,
        { detail: { status: null, retryable: false, retryAfterMs: null } },
      ),
      provenance(),
    )
  }

  return Object.freeze({ name: MODEL_ENGINE.name, version: MODEL_ENGINE.version, provider, draft })
}
