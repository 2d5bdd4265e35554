import type { NoteFormat } from '../../core/drafting/draft.schema.js'
import {
  createModelEngine,
  type DraftingEngine,
  type DraftPrompt,
  type EgressAudit,
  embeddedEngine,
  type ModelEngineDeps,
  type ProviderConfig,
  type Transcriber,
} from '../../core/providers/index.js'
import { AppError } from '../../platform/errors.js'
import { createOpenAiChat, type OpenAiClientOptions } from './chat.js'
import { loadDraftPrompts } from './prompt-files.js'
import { createOpenAiTranscriber } from './transcribe.js'

export {
  createOpenAiChat,
  DEFAULT_REQUEST_TIMEOUT_MS,
  endpointUrl,
  type OpenAiClientOptions,
} from './chat.js'
export { loadDraftPrompts, PROMPTS_DIR, readPromptFiles } from './prompt-files.js'
export { sseData } from './sse.js'
export { createOpenAiTranscriber, type OpenAiTranscriberOptions } from './transcribe.js'

/** Everything needed to draft through an OpenAI-compatible provider from the registry. */
export interface OpenAiEngineOptions
  extends Pick<ModelEngineDeps, 'now' | 'sleep' | 'random' | 'retry' | 'timeoutMs' | 'attempts'> {
  provider: ProviderConfig
  /** The key itself, resolved by the caller from `provider.apiKeyRef`; never stored in the registry. */
  apiKey?: string | undefined
  audit: EgressAudit
  requestTimeoutMs?: number | undefined
  stream?: boolean | undefined
  fetch?: typeof fetch | undefined
  prompt?: ((format: NoteFormat) => DraftPrompt) | undefined
}

/** Azure OpenAI wants its key in an `api-key` header; everything else takes a bearer token. */
function keyHeader(baseUrl: string): OpenAiClientOptions['apiKeyHeader'] {
  return /\.openai\.azure\.com$/i.test(new URL(baseUrl).hostname) ? 'api-key' : 'authorization'
}

function endpointOf(provider: ProviderConfig): { baseUrl: string; model: string } {
  if (provider.kind !== 'openai-compatible' || !provider.baseUrl || !provider.model)
    throw new AppError(
      'VALIDATION_FAILED',
      `Provider "${provider.name}" is not an OpenAI-compatible endpoint.`,
    )
  return { baseUrl: provider.baseUrl, model: provider.model }
}

/** A drafting engine on an OpenAI-compatible provider: the core model engine over the HTTP client. */
export function createOpenAiEngine(options: OpenAiEngineOptions): DraftingEngine {
  const { baseUrl, model } = endpointOf(options.provider)
  const chat = createOpenAiChat({
    baseUrl,
    model,
    apiKey: options.apiKey,
    apiKeyHeader: keyHeader(baseUrl),
    requestTimeoutMs: options.requestTimeoutMs,
    stream: options.stream,
    fetch: options.fetch,
    now: options.now,
  })
  return createModelEngine({
    provider: options.provider,
    chat,
    prompt: options.prompt ?? loadDraftPrompts(),
    audit: options.audit,
    ...(options.now ? { now: options.now } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.random ? { random: options.random } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.attempts ? { attempts: options.attempts } : {}),
  })
}

/** A transcriber on an OpenAI-compatible provider from the registry. */
export function createOpenAiTranscriberFor(
  provider: ProviderConfig,
  options: Omit<OpenAiClientOptions, 'baseUrl' | 'model' | 'stream'> & { language?: string } = {},
): Transcriber {
  const { baseUrl, model } = endpointOf(provider)
  return createOpenAiTranscriber({ ...options, baseUrl, model, apiKeyHeader: keyHeader(baseUrl) })
}

/**
 * The drafting engine a registry entry stands for: the embedded engine, or an OpenAI-compatible
 * one. The one place a setting becomes an engine (server configuration, CLI flags).
 */
export function createDraftingEngine(
  provider: ProviderConfig,
  options: Omit<OpenAiEngineOptions, 'provider'>,
): DraftingEngine {
  return provider.kind === 'embedded' ? embeddedEngine : createOpenAiEngine({ ...options, provider })
}
