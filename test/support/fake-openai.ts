import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseTranscript } from '../../src/core/transcript/index.js'

/** One request as the fake provider received it: everything that left Sidenote. */
export interface RecordedRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  body: Buffer
  /** The body as UTF-8 text (multipart bodies included: the audio bytes show as whatever they decode to). */
  text: string
  /** The body parsed as JSON, when it is JSON. */
  json: unknown
}

/** How the fake answers one request. */
export type Reply =
  /** A chat completion whose message content is `content` (streamed as SSE when `stream`). */
  | {
      kind: 'chat'
      content: string | ((request: RecordedRequest) => string)
      stream?: boolean
      /** Pause between streamed events (a slow model that keeps producing tokens). */
      chunkDelayMs?: number
      model?: string
      usage?: { prompt_tokens: number; completion_tokens: number }
    }
  /** Any status with an optional JSON body and headers (429 with Retry-After, 500, 400). */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Any JSON body with 200 (a transcription, a malformed envelope). */
  | { kind: 'json'; body: unknown }
  /** Never answers; the connection stays open until the client gives up. */
  | { kind: 'hang' }

export interface FakeOpenAi {
  /** The API root, `http://127.0.0.1:<port>/v1`. */
  url: string
  requests: RecordedRequest[]
  /** Replies for the next requests, in order; after them, the default. */
  enqueue(...replies: Reply[]): void
  setDefault(reply: Reply | ((request: RecordedRequest) => Reply)): void
  /** Requests to the chat endpoint only. */
  chatRequests(): RecordedRequest[]
  close(): Promise<void>
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(body === undefined ? '' : JSON.stringify(body))
}

function chatCompletion(
  reply: Extract<Reply, { kind: 'chat' }>,
  content: string,
  model: string,
  promptTokens: number,
): unknown {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    model: reply.model ?? model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: reply.usage ?? { prompt_tokens: promptTokens, completion_tokens: Math.ceil(content.length / 4) },
  }
}

async function streamChat(
  res: ServerResponse,
  reply: Extract<Reply, { kind: 'chat' }>,
  content: string,
  model: string,
  promptTokens: number,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.flushHeaders()
  const name = reply.model ?? model
  for (let i = 0; i < content.length; i += 12) {
    if (reply.chunkDelayMs && i > 0) await new Promise((r) => setTimeout(r, reply.chunkDelayMs))
    if (res.destroyed) return
    const chunk = {
      object: 'chat.completion.chunk',
      model: name,
      choices: [{ index: 0, delta: { content: content.slice(i, i + 12) } }],
    }
    res.write(`data: ${JSON.stringify(chunk)}\n\n`)
  }
  const usage = reply.usage ?? {
    prompt_tokens: promptTokens,
    completion_tokens: Math.ceil(content.length / 12),
  }
  res.write(
    `data: ${JSON.stringify({ object: 'chat.completion.chunk', model: name, choices: [], usage })}\n\n`,
  )
  res.end('data: [DONE]\n\n')
}

/**
 * A fake OpenAI-compatible provider on 127.0.0.1 (random port): a test double for a service outside
 * the practice. It records every request byte for byte, and answers from a queue of replies.
 */
export async function startFakeOpenAi(
  defaultReply?: Reply | ((request: RecordedRequest) => Reply),
): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = []
  const queue: Reply[] = []
  let fallback: Reply | ((request: RecordedRequest) => Reply) = defaultReply ?? {
    kind: 'status',
    status: 503,
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const text = body.toString('utf8')
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        text,
        json,
      }
      requests.push(recorded)
      const known = /\/v1\/(?:chat\/completions|audio\/transcriptions)(?:\?|$)/.test(recorded.path)
      if (!known) return send(res, 404, { error: { message: 'unknown endpoint' } })
      const reply = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback)
      const model = (json as { model?: string } | undefined)?.model ?? 'fake-model'
      switch (reply.kind) {
        case 'hang':
          return
        case 'status':
          return send(res, reply.status, reply.body ?? { error: { message: 'fake failure' } }, reply.headers)
        case 'json':
          return send(res, 200, reply.body)
        case 'chat': {
          const content = typeof reply.content === 'function' ? reply.content(recorded) : reply.content
          const wantsStream = (json as { stream?: boolean } | undefined)?.stream === true
          // A model reads about one token per four characters of what it was sent.
          const promptTokens = Math.ceil(recorded.text.length / 4)
          if (reply.stream && wantsStream) return void streamChat(res, reply, content, model, promptTokens)
          return send(res, 200, chatCompletion(reply, content, model, promptTokens))
        }
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...replies) => {
      queue.push(...replies)
    },
    setDefault: (reply) => {
      fallback = reply
    },
    chatRequests: () => requests.filter((r) => r.path.startsWith('/v1/chat/completions')),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The user message (the de-identified payload) of a recorded chat request. */
export function payloadOf(request: RecordedRequest): {
  format: string
  sections: { key: string }[]
  utterances: { id: string; speaker: string; text: string }[]
  clinicianInput: { id: string; text: string }[]
} {
  const body = request.json as { messages: { role: string; content: string }[] }
  const user = body.messages.find((m) => m.role === 'user')
  return JSON.parse(user?.content ?? '{}')
}

/**
 * A well-behaved model: for each section, a few statements that quote utterances it received
 * (placeholders and all), each citing the utterance it quotes.
 */
export function quotingModel(request: RecordedRequest, perSection = 3): string {
  const payload = payloadOf(request)
  const said = payload.utterances.filter((u) => u.text.split(/\s+/).length >= 6)
  let next = 0
  const sections = payload.sections.map((s) => {
    const statements = said.slice(next, next + perSection).map((u) => ({ text: u.text, evidence: [u.id] }))
    next += perSection
    return { key: s.key, statements }
  })
  return JSON.stringify({ sections })
}

/**
 * What a diarising speech-to-text server would answer (verbose_json) for a recording of the
 * session whose transcript is `transcriptBytes` (a sample's file).
 */
export function sttTranscription(transcriptBytes: Buffer | string) {
  const transcript = parseTranscript(transcriptBytes)
  return {
    text: transcript.utterances.map((u) => u.text).join(' '),
    segments: transcript.utterances.map((u, i) => ({
      id: i,
      start: i * 5,
      end: i * 5 + 4,
      text: ` ${u.text}`,
      speaker: u.speaker,
    })),
  }
}

/** Bytes that look like a WAV header followed by silence; the fake never decodes them. */
export const FAKE_WAV = Buffer.concat([
  Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVEfmt '),
  Buffer.alloc(4000, 7),
])
