import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createOpenAiEngine, type OpenAiEngineOptions } from '../src/adapters/openai/index.js'
import {
  type DraftProgress,
  draftNoteWithEngine,
  type EgressAuditEvent,
  Provenance,
  ProviderConfig,
} from '../src/core/providers/index.js'
import { parseTranscript } from '../src/core/transcript/index.js'
import {
  type FakeOpenAi,
  payloadOf,
  quotingModel,
  type Reply,
  startFakeOpenAi,
} from './support/fake-openai.js'

// An invented session; the names in it must never reach the fake provider.
const transcript = parseTranscript(
  Buffer.from(
    [
      'Dr. Amara Osei: Hi Jordan, how has your sleep been since we met on Tuesday?',
      '',
      'Jordan Pike: Honestly better. I have been sleeping about six hours a night, up from four.',
      '',
      "Dr. Amara Osei: That's a real change. What helped the most?",
      '',
      'Jordan Pike: Keeping the phone out of the bedroom, like we planned, and walking with my neighbor Priya after work.',
      '',
      "Dr. Amara Osei: Let's keep that going. For next week, keep the sleep log and the walks, and we will meet again on Thursday.",
      '',
      'Jordan Pike: Sounds good. And no, no thoughts of hurting myself, if you were going to ask.',
      '',
    ].join('\n'),
  ),
  { roles: { 'Dr. Amara Osei': 'clinician', 'Jordan Pike': 'client' }, minutes: 45 },
)
const NAMES = /Jordan|Pike|Amara|Osei|Priya/

const GOOD = JSON.stringify({
  sections: [
    {
      key: 'data',
      statements: [
        { text: 'Client reported sleeping about six hours a night, up from four.', evidence: ['u2'] },
      ],
    },
    {
      key: 'plan',
      statements: [{ text: 'Client will keep the sleep log and the walks.', evidence: ['u5'] }],
    },
  ],
})
const chat = (content: string, extra: Partial<Extract<Reply, { kind: 'chat' }>> = {}): Reply => ({
  kind: 'chat',
  content,
  ...extra,
})

let fake: FakeOpenAi
let audit: EgressAuditEvent[]
let slept: number[]

beforeAll(async () => {
  fake = await startFakeOpenAi()
})
afterAll(() => fake.close())
beforeEach(() => {
  fake.requests.length = 0
  fake.setDefault({ kind: 'status', status: 503 })
  audit = []
  slept = []
})

function engine(overrides: Partial<OpenAiEngineOptions> = {}) {
  return createOpenAiEngine({
    provider: ProviderConfig.parse({
      id: 'lab-vllm',
      name: 'vLLM in the server room',
      kind: 'openai-compatible',
      baseUrl: fake.url,
      model: 'qwen2.5-7b-instruct',
      locality: 'practice-network',
    }),
    audit: (e) => void audit.push(e),
    // Waits are recorded, not slept, so backoff is checked without slowing the suite.
    sleep: async (ms) => void slept.push(ms),
    random: () => 1,
    requestTimeoutMs: 2000,
    ...overrides,
  })
}

async function draft(overrides: Partial<OpenAiEngineOptions> = {}, options: Record<string, unknown> = {}) {
  return draftNoteWithEngine(transcript, { format: 'dap', ...options }, engine(overrides))
}

function provenanceOf(d: { engine: Record<string, unknown> }) {
  return Provenance.parse(d.engine.provenance)
}

describe('the OpenAI-compatible engine against a fake provider', () => {
  it('drafts from a well-behaved model: restored, verified, with provenance and streamed progress', async () => {
    fake.enqueue(chat(GOOD, { stream: true, model: 'qwen2.5-7b-instruct-awq' }))
    const progress: DraftProgress[] = []
    const d = await draftNoteWithEngine(transcript, { format: 'dap' }, engine(), {
      onProgress: (p) => progress.push(p),
    })
    expect(d.engine).toMatchObject({ name: 'openai-compatible' })
    expect(provenanceOf(d)).toMatchObject({
      provider: 'lab-vllm',
      model: 'qwen2.5-7b-instruct-awq',
      promptVersion: 'system.v1+dap.v1',
      attempts: 1,
    })
    expect(d.sections[0]!.statements[0]).toMatchObject({ status: 'supported', evidence: ['u2'] })
    expect(progress.filter((p) => p.stage === 'receiving').length).toBeGreaterThan(3)
    expect(fake.requests.map((r) => r.text).join('\n')).not.toMatch(NAMES)
  })

  it('a server that read far less than it was sent (a cut context window): the draft says so', async () => {
    fake.enqueue(chat(GOOD, { usage: { prompt_tokens: 200, completion_tokens: 40 } }))
    const d = await draft()
    expect(d.engine.name).toBe('openai-compatible')
    expect(d.warnings.join(' ')).toMatch(
      /reported reading 200 tokens .* context window probably cut part of the session off/,
    )
    fake.enqueue(chat(GOOD))
    expect((await draft()).warnings.join(' ')).not.toMatch(/context window/)
  })

  it('malformed JSON: asks again, then falls back to the embedded engine and says so', async () => {
    fake.enqueue(
      chat('{"sections": [{"key": "data", "statements": [{"text": "Client rep'),
      chat('Sure! Here is the note.'),
    )
    const d = await draft()
    expect(fake.chatRequests()).toHaveLength(2)
    expect(payloadOf(fake.chatRequests()[1]!).utterances).toHaveLength(6)
    const retry = (fake.chatRequests()[1]!.json as { messages: { content: string }[] }).messages.at(
      -1,
    )!.content
    expect(retry).toMatch(/previous answer was rejected: the answer is not valid JSON/)
    expect(d.engine.name).toBe('embedded')
    expect(provenanceOf(d)).toMatchObject({ attempts: 2, fallback: expect.stringMatching(/not valid JSON/) })
    expect(d.warnings.join(' ')).toMatch(/the embedded engine wrote this draft instead/)
    expect(d.sections.flatMap((s) => s.statements).length).toBeGreaterThan(0)
  })

  it("malformed JSON once, then a good answer: the model's draft is used (2 attempts)", async () => {
    fake.enqueue(chat('not json at all'), chat(`\`\`\`json\n${GOOD}\n\`\`\``))
    const d = await draft()
    expect(d.engine.name).toBe('openai-compatible')
    expect(provenanceOf(d).attempts).toBe(2)
  })

  it('invented statements citing real utterances: kept, and the verifier marks them unsupported', async () => {
    const invented = JSON.stringify({
      sections: [
        {
          key: 'data',
          statements: [
            { text: 'Client reported sleeping about six hours a night, up from four.', evidence: ['u2'] },
            {
              text: 'Client reported that his mother was hospitalized last month after a fall.',
              evidence: ['u4'],
            },
            { text: 'Client reported sleeping ten hours a night.', evidence: ['u2'] },
          ],
        },
      ],
    })
    fake.enqueue(chat(invented))
    const d = await draft()
    expect(d.engine.name).toBe('openai-compatible')
    const [real, family, number] = d.sections[0]!.statements
    expect(real!.status).toBe('supported')
    expect(family!.status).toBe('unsupported')
    expect(number!.status).toBe('unsupported')
  })

  it('unknown evidence ids: the answer is rejected; a second bad answer means fallback', async () => {
    const unknown = JSON.stringify({
      sections: [
        { key: 'data', statements: [{ text: 'Client reported a new job.', evidence: ['u2', 'u412'] }] },
      ],
    })
    fake.enqueue(chat(unknown), chat(unknown))
    const d = await draft()
    expect(d.engine.name).toBe('embedded')
    expect(provenanceOf(d).fallback).toMatch(/cites u412, which is not in the input/)
  })

  it('statements without evidence: rejected, and a corrected answer is accepted', async () => {
    const bare = JSON.stringify({
      sections: [
        { key: 'assessment', statements: [{ text: 'Client is making good progress.', evidence: [] }] },
      ],
    })
    fake.enqueue(chat(bare), chat(GOOD))
    const d = await draft()
    expect(d.engine.name).toBe('openai-compatible')
    expect(provenanceOf(d).attempts).toBe(2)
    const retry = (fake.chatRequests()[1]!.json as { messages: { content: string }[] }).messages.at(
      -1,
    )!.content
    expect(retry).toMatch(/statement 1 of section "assessment" cites no evidence/)
  })

  it('a diagnosis or advice not in clinician input: flagged for the clinician (scope guard, flag mode)', async () => {
    const overreach = JSON.stringify({
      sections: [
        {
          key: 'assessment',
          statements: [{ text: 'Client meets criteria for generalized anxiety disorder.', evidence: ['u2'] }],
        },
        {
          key: 'plan',
          statements: [{ text: 'Clinician recommended starting sertraline.', evidence: ['u5'] }],
        },
      ],
    })
    fake.enqueue(chat(overreach))
    const d = await draft()
    const kinds = d.flags.filter((f) => f.kind.startsWith('scope.')).map((f) => f.kind)
    expect(kinds).toContain('scope.diagnosis')
    expect(kinds.length).toBeGreaterThanOrEqual(2)
    expect(d.sections[1]!.statements[0]!.status).toBe('unsupported')

    // The same diagnosis entered by the clinician (and cited) is no finding.
    fake.enqueue(
      chat(
        JSON.stringify({
          sections: [
            {
              key: 'assessment',
              statements: [{ text: 'Generalized anxiety disorder, as diagnosed.', evidence: ['c1'] }],
            },
          ],
        }),
      ),
    )
    const entered = await draft(
      {},
      { clinicianInput: [{ id: 'c1', field: 'diagnosis', text: 'Generalized anxiety disorder' }] },
    )
    expect(entered.flags.filter((f) => f.kind === 'scope.diagnosis')).toEqual([])
    expect(payloadOf(fake.chatRequests().at(-1)!).clinicianInput).toEqual([
      { id: 'c1', field: 'diagnosis', text: 'Generalized anxiety disorder' },
    ])
  })

  it('a timeout: each request gives up, is retried, and the draft falls back within the deadline', async () => {
    fake.setDefault({ kind: 'hang' })
    const started = performance.now()
    const d = await draft({ requestTimeoutMs: 150, retry: { retries: 1, baseDelayMs: 10, maxDelayMs: 10 } })
    expect(performance.now() - started).toBeLessThan(2000)
    expect(fake.chatRequests()).toHaveLength(2)
    expect(d.engine.name).toBe('embedded')
    expect(provenanceOf(d).fallback).toMatch(/did not answer within/)
  })

  it('the overall deadline ends a draft however many retries remain', async () => {
    fake.setDefault({ kind: 'hang' })
    const d = await draft({ timeoutMs: 300, requestTimeoutMs: 5000 })
    expect(d.engine.name).toBe('embedded')
    expect(provenanceOf(d).fallback).toBe('the model did not answer within 0.3 s')
  })

  it('429 then success: waits as long as Retry-After asks, then uses the answer', async () => {
    fake.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '3' } }, chat(GOOD))
    const d = await draft()
    expect(d.engine.name).toBe('openai-compatible')
    expect(slept).toEqual([3000])
    expect(fake.chatRequests()).toHaveLength(2)
    expect(audit.map((e) => e.outcome)).toEqual(['sent', 'sent'])
    expect(provenanceOf(d).attempts).toBe(1)
  })

  it('500s until fallback: backs off twice, then the embedded engine drafts', async () => {
    fake.setDefault({ kind: 'status', status: 500 })
    const d = await draft()
    expect(fake.chatRequests()).toHaveLength(3)
    expect(slept).toEqual([500, 1000])
    expect(d.engine.name).toBe('embedded')
    expect(provenanceOf(d).fallback).toBe('the provider failed (HTTP 500)')
    expect(audit).toHaveLength(3)
  })

  it('a cancelled draft stops at once and does not fall back', async () => {
    fake.setDefault({ kind: 'hang' })
    const controller = new AbortController()
    const pending = draftNoteWithEngine(transcript, { format: 'dap' }, engine(), {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === 'requesting') setTimeout(() => controller.abort(new Error('cancelled')), 50)
      },
    })
    await expect(pending).rejects.toThrow('cancelled')
  })

  it('a hosted provider with an active BAA gets de-identified text; every call is audited without text', async () => {
    fake.setDefault({ kind: 'chat', content: (r) => quotingModel(r, 1) })
    const hosted = ProviderConfig.parse({
      id: 'azure',
      name: 'Azure OpenAI',
      kind: 'openai-compatible',
      baseUrl: fake.url,
      model: 'gpt-4o',
      locality: 'hosted',
      baa: { signedAt: '2025-01-01', reference: 'MSFT-BAA-0042' },
    })
    const d = await draft({ provider: hosted })
    expect(fake.requests.map((r) => r.text).join('\n')).not.toMatch(NAMES)
    // Placeholders in the answer are restored at home: the draft names the client again.
    expect(d.sections.flatMap((s) => s.statements.map((st) => st.text)).join(' ')).toContain('Jordan')
    expect(JSON.stringify(audit)).not.toMatch(NAMES)
    expect(audit.at(-1)).toMatchObject({
      category: 'transcript-deidentified',
      recipient: { providerId: 'azure' },
    })
  })
})
