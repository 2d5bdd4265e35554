import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type FakeOpenAi, startFakeOpenAi } from '../../../test/support/fake-openai.js'
import type { ChatCallOptions, OutgoingSize } from '../../core/providers/index.js'
import { AppError } from '../../platform/errors.js'
import { authHeaders, createOpenAiChat, endpointUrl } from './chat.js'

let fake: FakeOpenAi
beforeAll(async () => {
  fake = await startFakeOpenAi()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.requests.length = 0
  fake.setDefault({ kind: 'status', status: 503 })
})

const request = {
  messages: [
    { role: 'system' as const, content: 'rules' },
    { role: 'user' as const, content: '{"utterances":[]}' },
  ],
  jsonSchema: { name: 'dap_note', schema: { type: 'object' } },
  temperature: 0,
}

function call(sent: OutgoingSize[] = [], tokens: number[] = []): ChatCallOptions {
  return {
    signal: new AbortController().signal,
    beforeSend: async (size) => {
      sent.push(size)
    },
    onTokens: (n) => tokens.push(n),
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('createOpenAiChat', () => {
  it('posts a structured-output request with the key as a bearer token and reads the completion', async () => {
    fake.enqueue({
      kind: 'chat',
      content: '{"sections":[]}',
      model: 'served-model',
      usage: { prompt_tokens: 12, completion_tokens: 3 },
    })
    const sent: OutgoingSize[] = []
    const chat = createOpenAiChat({
      baseUrl: fake.url,
      model: 'llama3.1:8b',
      apiKey: 'sk-test',
      stream: false,
    })
    const response = await chat.complete(request, call(sent))
    expect(response).toEqual({
      content: '{"sections":[]}',
      model: 'served-model',
      usage: { prompt: 12, completion: 3 },
    })
    const [recorded] = fake.requests
    expect(recorded!.path).toBe('/v1/chat/completions')
    expect(recorded!.headers.authorization).toBe('Bearer sk-test')
    expect(recorded!.json).toMatchObject({
      model: 'llama3.1:8b',
      temperature: 0,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'dap_note', strict: true, schema: { type: 'object' } },
      },
    })
    expect(sent).toEqual([{ characters: 22, bytes: recorded!.body.length }])
  })

  it('streams, reporting tokens as they arrive, and takes the usage from the last event', async () => {
    const content = JSON.stringify({ sections: [{ key: 'data', statements: [] }] })
    fake.enqueue({ kind: 'chat', content, stream: true, usage: { prompt_tokens: 40, completion_tokens: 9 } })
    const tokens: number[] = []
    const response = await createOpenAiChat({ baseUrl: fake.url, model: 'm' }).complete(
      request,
      call([], tokens),
    )
    expect(response.content).toBe(content)
    expect(response.usage).toEqual({ prompt: 40, completion: 9 })
    expect(tokens.length).toBe(Math.ceil(content.length / 12))
    expect(tokens.at(-1)).toBe(tokens.length)
    expect(fake.requests[0]!.json).toMatchObject({ stream: true, stream_options: { include_usage: true } })
  })

  it('reads a one-piece answer from a server that ignores stream: true', async () => {
    fake.enqueue({ kind: 'chat', content: '{"sections":[]}' })
    const response = await createOpenAiChat({ baseUrl: fake.url, model: 'm' }).complete(request, call())
    expect(response.content).toBe('{"sections":[]}')
  })

  it('asks again plainly when a server rejects structured output, and keeps asking plainly', async () => {
    fake.enqueue({
      kind: 'status',
      status: 400,
      body: { error: { message: 'response_format not supported' } },
    })
    fake.enqueue({ kind: 'chat', content: 'a' }, { kind: 'chat', content: 'b' })
    const sent: OutgoingSize[] = []
    const chat = createOpenAiChat({ baseUrl: fake.url, model: 'm' })
    expect((await chat.complete(request, call(sent))).content).toBe('a')
    expect((await chat.complete(request, call(sent))).content).toBe('b')
    expect(sent).toHaveLength(3)
    const bodies = fake.requests.map((r) => r.json as Record<string, unknown>)
    expect(bodies[0]).toHaveProperty('response_format')
    expect(bodies[1]).not.toHaveProperty('response_format')
    expect(bodies[1]).not.toHaveProperty('stream_options')
    expect(bodies[2]).not.toHaveProperty('response_format')
  })

  it('turns 429 into a retryable failure with the Retry-After, never quoting the body', async () => {
    fake.enqueue({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error: { message: 'Rate limited while reading: Marcus said hello' } },
    })
    const error = await failure(createOpenAiChat({ baseUrl: fake.url, model: 'm' }).complete(request, call()))
    expect(error.code).toBe('PROVIDER_FAILED')
    expect(error.detail).toMatchObject({ status: 429, retryable: true, retryAfterMs: 2000 })
    expect(error.message).not.toContain('Marcus')
  })

  it('marks 401 and malformed envelopes as not worth retrying', async () => {
    fake.enqueue({ kind: 'status', status: 401 }, { kind: 'json', body: { choices: [] } })
    const chat = createOpenAiChat({ baseUrl: fake.url, model: 'm', stream: false })
    const auth = await failure(chat.complete(request, call()))
    expect(auth.message).toMatch(/refused the credentials/)
    expect(auth.detail).toMatchObject({ retryable: false })
    const envelope = await failure(chat.complete(request, call()))
    expect(envelope.message).toMatch(/not a chat completion/)
  })

  it('times a request out as a retryable PROVIDER_TIMEOUT', async () => {
    fake.enqueue({ kind: 'hang' })
    const error = await failure(
      createOpenAiChat({ baseUrl: fake.url, model: 'm', requestTimeoutMs: 100 }).complete(request, call()),
    )
    expect(error.code).toBe('PROVIDER_TIMEOUT')
    expect(error.detail).toMatchObject({ retryable: true })
  })

  it('times out on silence, not on a slow model that keeps streaming', async () => {
    const statements = Array.from({ length: 6 }, (_, i) => ({
      text: `Statement ${i}.`,
      evidence: [`u${i + 1}`],
    }))
    const content = JSON.stringify({ sections: [{ key: 'data', statements }] })
    // 20+ events 40 ms apart: the whole answer takes far longer than the 300 ms idle limit.
    fake.enqueue({ kind: 'chat', content, stream: true, chunkDelayMs: 40 })
    const chat = createOpenAiChat({ baseUrl: fake.url, model: 'm', requestTimeoutMs: 300 })
    const started = performance.now()
    expect((await chat.complete(request, call())).content).toBe(content)
    expect(performance.now() - started).toBeGreaterThan(600)
    fake.enqueue({ kind: 'chat', content, stream: true, chunkDelayMs: 2000 })
    const error = await failure(chat.complete(request, call()))
    expect(error.code).toBe('PROVIDER_TIMEOUT')
    expect(error.message).toBe('the provider sent nothing for 0.3 s')
  })

  it('reports an unreachable server as a retryable failure', async () => {
    const error = await failure(
      createOpenAiChat({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm' }).complete(request, call()),
    )
    expect(error.message).toBe('the provider could not be reached')
    expect(error.detail).toMatchObject({ status: null, retryable: true })
  })

  it('sends nothing when beforeSend refuses', async () => {
    const chat = createOpenAiChat({ baseUrl: fake.url, model: 'm' })
    await expect(
      chat.complete(request, {
        signal: new AbortController().signal,
        beforeSend: async () => {
          throw new Error('audit down')
        },
      }),
    ).rejects.toThrow('audit down')
    expect(fake.requests).toHaveLength(0)
  })

  it('builds endpoint URLs under the API root, keeping a query string, and Azure key headers', () => {
    expect(endpointUrl('http://127.0.0.1:11434/v1/', 'chat/completions')).toBe(
      'http://127.0.0.1:11434/v1/chat/completions',
    )
    expect(endpointUrl('https://r.openai.azure.com/openai/v1?api-version=preview', 'chat/completions')).toBe(
      'https://r.openai.azure.com/openai/v1/chat/completions?api-version=preview',
    )
    expect(authHeaders({ apiKey: 'k', apiKeyHeader: 'api-key' })).toEqual({ 'api-key': 'k' })
    expect(authHeaders({})).toEqual({})
  })
})
