import { z } from 'zod'
import {
  type ChatCallOptions,
  type ChatModel,
  type ChatRequest,
  type ChatResponse,
  formatSeconds,
  isRetryableStatus,
  parseRetryAfter,
  providerFailure,
  providerTimeout,
} from '../../core/providers/index.js'
import { isAppError } from '../../platform/errors.js'
import { sseData } from './sse.js'

/** How to reach an OpenAI-compatible server (Ollama, vLLM, llama.cpp server, LM Studio, Azure OpenAI v1). */
export interface OpenAiClientOptions {
  /** The API root, e.g. `http://127.0.0.1:11434/v1`; a query string (Azure's api-version) is kept. */
  baseUrl: string
  model: string
  apiKey?: string | undefined
  /** Azure OpenAI takes the key in an `api-key` header; everything else as a bearer token. */
  apiKeyHeader?: 'authorization' | 'api-key' | undefined
  /** One HTTP request's limit (the engine has its own overall deadline). */
  requestTimeoutMs?: number | undefined
  /** Ask for a token stream (progress); servers that do not stream answer in one piece. */
  stream?: boolean | undefined
  fetch?: typeof fetch | undefined
  now?: (() => Date) | undefined
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 180_000

/** The URL of an endpoint under the API root, keeping the root's query string. */
export function endpointUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl)
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`
  return url.toString()
}

/** Request headers: JSON, and the key where the server expects it. */
export function authHeaders(
  options: Pick<OpenAiClientOptions, 'apiKey' | 'apiKeyHeader'>,
): Record<string, string> {
  if (!options.apiKey) return {}
  return options.apiKeyHeader === 'api-key'
    ? { 'api-key': options.apiKey }
    : { authorization: `Bearer ${options.apiKey}` }
}

const Usage = z
  .object({
    prompt_tokens: z.number().int().nonnegative(),
    completion_tokens: z.number().int().nonnegative(),
  })
  .partial()
  .passthrough()

const Completion = z
  .object({
    model: z.string().optional(),
    choices: z
      .array(z.object({ message: z.object({ content: z.string().nullable() }).passthrough() }).passthrough())
      .min(1),
    usage: Usage.nullish(),
  })
  .passthrough()

const Chunk = z
  .object({
    model: z.string().optional(),
    choices: z
      .array(
        z
          .object({ delta: z.object({ content: z.string().nullish() }).passthrough().optional() })
          .passthrough(),
      )
      .optional(),
    usage: Usage.nullish(),
  })
  .passthrough()

/** A timer that aborts when nothing happened for `ms`; `touch` restarts it, `stop` ends it. */
interface IdleTimer {
  signal: AbortSignal
  touch: () => void
  stop: () => void
}

function idleTimer(ms: number): IdleTimer {
  const controller = new AbortController()
  const fire = () => controller.abort(new DOMException('no progress', 'TimeoutError'))
  let timer = setTimeout(fire, ms)
  return {
    signal: controller.signal,
    touch: () => {
      clearTimeout(timer)
      if (!controller.signal.aborted) timer = setTimeout(fire, ms)
    },
    stop: () => clearTimeout(timer),
  }
}

/** Request bodies from the most to the least demanding; a server that rejects one gets the next. */
type Level = 'structured' | 'plain'

function requestBody(request: ChatRequest, model: string, stream: boolean, level: Level): string {
  return JSON.stringify({
    model,
    messages: request.messages,
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(stream ? { stream: true } : {}),
    ...(stream && level === 'structured' ? { stream_options: { include_usage: true } } : {}),
    ...(request.jsonSchema && level === 'structured'
      ? {
          response_format: {
            type: 'json_schema',
            json_schema: { name: request.jsonSchema.name, strict: true, schema: request.jsonSchema.schema },
          },
        }
      : {}),
  })
}

/** A plain description of an HTTP failure; the body is never quoted (it may echo the prompt). */
function statusMessage(status: number): string {
  if (status === 401 || status === 403) return `the provider refused the credentials (HTTP ${status})`
  if (status === 404) return 'the provider has no such endpoint or model (HTTP 404)'
  if (status === 429) return 'the provider is rate limiting requests (HTTP 429)'
  if (status >= 500) return `the provider failed (HTTP ${status})`
  // Servers answer 400 when the prompt is longer than the model's context window.
  return `the provider rejected the request (HTTP ${status}; a transcript longer than the model's context window is a common cause)`
}

async function readStream(
  body: ReadableStream<Uint8Array>,
  fallbackModel: string,
  onTokens: ((n: number) => void) | undefined,
  onEvent: () => void,
): Promise<ChatResponse> {
  let content = ''
  let model = fallbackModel
  let chunks = 0
  let usage: z.infer<typeof Usage> | null | undefined
  for await (const data of sseData(body)) {
    onEvent()
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      throw providerFailure('the provider sent an unreadable stream event', {
        status: null,
        retryable: false,
        retryAfterMs: null,
      })
    }
    const chunk = Chunk.safeParse(json)
    if (!chunk.success) continue
    if (chunk.data.model) model = chunk.data.model
    if (chunk.data.usage) usage = chunk.data.usage
    const piece = chunk.data.choices?.[0]?.delta?.content
    if (piece) {
      content += piece
      chunks++
      onTokens?.(chunks)
    }
  }
  return {
    content,
    model,
    // Servers stream about one token per event; their own count wins when they send one.
    usage: { prompt: usage?.prompt_tokens ?? null, completion: usage?.completion_tokens ?? chunks },
  }
}

async function readJson(response: Response, fallbackModel: string): Promise<ChatResponse> {
  let json: unknown
  try {
    json = await response.json()
  } catch {
    throw providerFailure('the provider answered with something other than JSON', {
      status: response.status,
      retryable: false,
      retryAfterMs: null,
    })
  }
  const parsed = Completion.safeParse(json)
  if (!parsed.success)
    throw providerFailure("the provider's answer is not a chat completion", {
      status: response.status,
      retryable: false,
      retryAfterMs: null,
    })
  return {
    content: parsed.data.choices[0]!.message.content ?? '',
    model: parsed.data.model ?? fallbackModel,
    usage: {
      prompt: parsed.data.usage?.prompt_tokens ?? null,
      completion: parsed.data.usage?.completion_tokens ?? null,
    },
  }
}

/**
 * The chat-completions client. One `complete` call is one model answer: it may make a second HTTP
 * request with a plainer body when a server rejects structured output or stream options (each
 * request announced through `beforeSend`). Transport retries are the caller's (core `withRetries`).
 */
export function createOpenAiChat(options: OpenAiClientOptions): ChatModel {
  const doFetch = options.fetch ?? fetch
  const now = options.now ?? (() => new Date())
  const url = endpointUrl(options.baseUrl, 'chat/completions')
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const stream = options.stream ?? true
  // Once a server has rejected the structured body, ask it plainly from then on.
  let level: Level = 'structured'

  async function send(
    request: ChatRequest,
    call: ChatCallOptions,
  ): Promise<{ response: Response; idle: IdleTimer }> {
    const body = requestBody(request, options.model, stream, level)
    const characters = request.messages.reduce((n, m) => n + m.content.length, 0)
    await call.beforeSend({ characters, bytes: Buffer.byteLength(body) })
    // Until the first byte, and then between stream events: a slow model that keeps producing
    // tokens is not timed out, a silent one is.
    const idle = idleTimer(timeoutMs)
    try {
      const response = await doFetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: stream ? 'text/event-stream, application/json' : 'application/json',
          ...authHeaders(options),
        },
        body,
        signal: AbortSignal.any([call.signal, idle.signal]),
      })
      idle.touch()
      return { response, idle }
    } catch (error) {
      idle.stop()
      if (call.signal.aborted) throw call.signal.reason
      if (idle.signal.aborted)
        throw providerTimeout(`the provider did not answer within ${formatSeconds(timeoutMs)}`, true)
      throw providerFailure(
        'the provider could not be reached',
        { status: null, retryable: true, retryAfterMs: null },
        error,
      )
    }
  }

  async function complete(request: ChatRequest, call: ChatCallOptions): Promise<ChatResponse> {
    let { response, idle } = await send(request, call)
    try {
      if ((response.status === 400 || response.status === 422) && level === 'structured') {
        await response.body?.cancel().catch(() => undefined)
        level = 'plain'
        idle.stop()
        ;({ response, idle } = await send(request, call))
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined)
        throw providerFailure(statusMessage(response.status), {
          status: response.status,
          retryable: isRetryableStatus(response.status),
          retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
        })
      }
      const type = response.headers.get('content-type') ?? ''
      return type.includes('text/event-stream') && response.body
        ? await readStream(response.body, options.model, call.onTokens, idle.touch)
        : await readJson(response, options.model)
    } catch (error) {
      if (isAppError(error)) throw error
      if (call.signal.aborted) throw call.signal.reason
      if (idle.signal.aborted)
        throw providerTimeout(`the provider sent nothing for ${formatSeconds(timeoutMs)}`, true)
      throw providerFailure(
        'the connection to the provider broke off',
        { status: null, retryable: true, retryAfterMs: null },
        error,
      )
    } finally {
      idle.stop()
    }
  }

  return Object.freeze({ complete })
}
