import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.js'
import { buildTranscript } from '../grounding/test-helpers.js'
import { draftNoteWithEngine } from './draft-with-engine.js'
import type { ChatCallOptions, ChatModel, ChatRequest, ChatResponse, DraftProgress } from './engine.js'
import { createModelEngine, type ModelEngineDeps, truncationWarning } from './model-engine.js'
import { composeDraftPrompt } from './prompt.js'
import { type EgressAuditEvent, Provenance, ProviderConfig } from './provider.schema.js'
import { providerFailure } from './retry.js'

const session = buildTranscript(
  [
    ['Dr. Ines Calloway', 'clinician', 'How did the week go with the sleep diary, Marcus?'],
    ["Marcus's iPhone", 'client', 'I slept about five hours a night and my sister Dana visited on Sunday.'],
    ['Dr. Ines Calloway', 'clinician', 'Next week we will keep the diary going and review it together.'],
    ["Marcus's iPhone", 'client', 'Okay, I will keep writing it down every morning.'],
  ],
  { minutes: 45, minutesSource: 'option' },
)

const provider = ProviderConfig.parse({
  id: 'ollama',
  name: 'Ollama on the office server',
  kind: 'openai-compatible',
  baseUrl: 'http://10.0.0.5:11434/v1',
  model: 'llama3.1:8b',
  locality: 'practice-network',
})

const prompt = composeDraftPrompt(
  'dap',
  { name: 'system', version: 1, text: 'Rules.' },
  { name: 'dap', version: 1, text: 'DAP.' },
)

type Step = string | Error | ((request: ChatRequest, options: ChatCallOptions) => Promise<ChatResponse>)

/** A model that answers from a script, announcing each request like the HTTP client does. */
function scriptedChat(steps: Step[]): ChatModel & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = []
  return {
    requests,
    async complete(request, options) {
      await options.beforeSend({
        characters: request.messages.reduce((n, m) => n + m.content.length, 0),
        bytes: 1,
      })
      requests.push(structuredClone(request))
      const step = steps.shift() ?? new Error('script exhausted')
      if (step instanceof Error) throw step
      if (typeof step === 'function') return step(request, options)
      options.onTokens?.(3)
      return { content: step, model: 'llama3.1:8b-instruct-q4', usage: { prompt: 200, completion: 50 } }
    },
  }
}

const GOOD = JSON.stringify({
  sections: [
    {
      key: 'data',
      statements: [{ text: 'Client reported sleeping about five hours a night.', evidence: ['u2'] }],
    },
    {
      key: 'plan',
      statements: [{ text: 'Client agreed to keep the sleep diary every morning.', evidence: ['u3', 'u4'] }],
    },
  ],
})
const UNKNOWN_ID = JSON.stringify({
  sections: [{ key: 'data', statements: [{ text: 'Client reported a new job.', evidence: ['u77'] }] }],
})

function engine(chat: ChatModel, overrides: Partial<ModelEngineDeps> = {}, audit: EgressAuditEvent[] = []) {
  return createModelEngine({
    provider,
    chat,
    prompt: () => prompt,
    audit: (e) => {
      audit.push(e)
    },
    sleep: async () => undefined,
    random: () => 0,
    ...overrides,
  })
}

describe('model engine through draftNoteWithEngine', () => {
  it('drafts, restores, verifies and records provenance and one audit event per request', async () => {
    const audit: EgressAuditEvent[] = []
    const progress: DraftProgress[] = []
    const chat = scriptedChat([GOOD])
    const draft = await draftNoteWithEngine(session, { format: 'dap' }, engine(chat, {}, audit), {
      onProgress: (p) => progress.push(p),
    })
    expect(draft.engine.name).toBe('openai-compatible')
    const provenance = Provenance.parse(draft.engine.provenance)
    expect(provenance).toMatchObject({
      provider: 'ollama',
      model: 'llama3.1:8b-instruct-q4',
      promptVersion: 'system.v1+dap.v1',
      promptSha256: prompt.sha256,
      tokens: { prompt: 200, completion: 50 },
      attempts: 1,
      deidentified: true,
    })
    expect(provenance.fallback).toBeUndefined()
    expect(draft.sections[0]!.statements[0]).toMatchObject({ evidence: ['u2'], status: 'supported' })
    expect(draft.billing?.suggested).toEqual(['90834'])
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({
      type: 'ai.egress',
      purpose: 'draft',
      category: 'transcript-deidentified',
      outcome: 'sent',
      recipient: { providerId: 'ollama', host: '10.0.0.5:11434', locality: 'practice-network' },
    })
    expect(audit[0]!.characters).toBeGreaterThan(100)
    expect(JSON.stringify(audit)).not.toMatch(/Marcus|Dana|Calloway|sleep/)
    expect(JSON.stringify(chat.requests)).not.toMatch(/Marcus|Dana|Calloway|Ines/)
    expect(progress.map((p) => p.stage)).toEqual(['deidentified', 'requesting', 'receiving', 'checking'])
  })

  it('asks once more after a rejected answer, telling the model why (without text)', async () => {
    const chat = scriptedChat([UNKNOWN_ID, GOOD])
    const draft = await draftNoteWithEngine(session, { format: 'dap' }, engine(chat))
    expect(Provenance.parse(draft.engine.provenance)).toMatchObject({
      attempts: 2,
      tokens: { prompt: 400, completion: 100 },
    })
    expect(chat.requests[1]!.messages).toHaveLength(3)
    expect(chat.requests[1]!.messages[2]!.content).toMatch(
      /rejected: statement 1 of section "data" cites u77/,
    )
  })

  it('falls back to the embedded engine after two bad answers, and says so', async () => {
    const progress: DraftProgress[] = []
    const draft = await draftNoteWithEngine(
      session,
      { format: 'dap' },
      engine(scriptedChat([UNKNOWN_ID, '{"sections": [']), {}),
      { onProgress: (p) => progress.push(p) },
    )
    expect(draft.engine.name).toBe('embedded')
    const provenance = Provenance.parse(draft.engine.provenance)
    expect(provenance.attempts).toBe(2)
    expect(provenance.fallback).toMatch(/failed the output guard 2 times \(the answer is not valid JSON\)/)
    expect(draft.warnings.at(-1)).toMatch(
      /gave no usable draft .* the embedded engine wrote this draft instead/,
    )
    expect(progress.at(-1)).toMatchObject({ stage: 'fallback' })
  })

  it('retries a 503 with backoff inside one attempt', async () => {
    const audit: EgressAuditEvent[] = []
    const fail = providerFailure('busy', { status: 503, retryable: true, retryAfterMs: null })
    const chat = scriptedChat([fail, GOOD])
    const draft = await draftNoteWithEngine(session, { format: 'dap' }, engine(chat, {}, audit))
    expect(draft.engine.name).toBe('openai-compatible')
    expect(Provenance.parse(draft.engine.provenance).attempts).toBe(1)
    expect(audit).toHaveLength(2)
  })

  it('falls back on a provider that keeps failing, with the attempt recorded', async () => {
    const fail = () =>
      providerFailure('the provider failed (HTTP 500)', { status: 500, retryable: true, retryAfterMs: null })
    const draft = await draftNoteWithEngine(
      session,
      { format: 'dap' },
      engine(scriptedChat([fail(), fail(), fail()])),
    )
    expect(draft.engine.name).toBe('embedded')
    expect(Provenance.parse(draft.engine.provenance).fallback).toBe('the provider failed (HTTP 500)')
  })

  it('falls back when the whole draft runs out of time', async () => {
    const hang: Step = (_r, options) =>
      new Promise((_resolve, reject) =>
        options.signal.addEventListener('abort', () => reject(options.signal.reason)),
      )
    const draft = await draftNoteWithEngine(
      session,
      { format: 'dap' },
      engine(scriptedChat([hang]), { timeoutMs: 50 }),
    )
    expect(draft.engine.name).toBe('embedded')
    expect(Provenance.parse(draft.engine.provenance).fallback).toMatch(/did not answer within/)
  })

  it('does not fall back when the user cancels', async () => {
    const controller = new AbortController()
    const hang: Step = (_r, options) =>
      new Promise((_resolve, reject) => {
        options.signal.addEventListener('abort', () => reject(options.signal.reason))
        controller.abort(new Error('cancelled by the clinician'))
      })
    await expect(
      draftNoteWithEngine(session, { format: 'dap' }, engine(scriptedChat([hang])), {
        signal: controller.signal,
      }),
    ).rejects.toThrow('cancelled by the clinician')
  })

  it('sends nothing when the audit cannot be written', async () => {
    const chat = scriptedChat([GOOD])
    const failingAudit = createModelEngine({
      provider,
      chat,
      prompt: () => prompt,
      audit: () => {
        throw new AppError('INTERNAL', 'audit log unavailable')
      },
    })
    await expect(draftNoteWithEngine(session, { format: 'dap' }, failingAudit)).rejects.toThrow(
      'audit log unavailable',
    )
    expect(chat.requests).toHaveLength(0)
  })

  it('refuses a Part 2 session without consent: audited, nothing sent, no fallback', async () => {
    const audit: EgressAuditEvent[] = []
    const chat = scriptedChat([GOOD])
    await expect(
      draftNoteWithEngine(session, { format: 'dap', part2: true }, engine(chat, {}, audit)),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' })
    expect(chat.requests).toHaveLength(0)
    expect(audit).toEqual([expect.objectContaining({ outcome: 'refused', characters: 0, part2: true })])
    const consented = await draftNoteWithEngine(
      session,
      { format: 'dap', part2: true, part2ConsentCoversProvider: true },
      engine(scriptedChat([GOOD])),
    )
    expect(consented.engine.name).toBe('openai-compatible')
  })

  it('flags a diagnosis the model invented (scope guard, flag mode) and the verifier marks invention', async () => {
    const invented = JSON.stringify({
      sections: [
        {
          key: 'assessment',
          statements: [{ text: 'Client meets criteria for major depressive disorder.', evidence: ['u2'] }],
        },
        { key: 'data', statements: [{ text: 'Client reported losing his job in May.', evidence: ['u2'] }] },
      ],
    })
    const draft = await draftNoteWithEngine(session, { format: 'dap' }, engine(scriptedChat([invented])))
    expect(draft.flags.some((f) => f.kind === 'scope.diagnosis' && f.section === 'assessment')).toBe(true)
    expect(draft.sections[0]!.statements[0]!.status).toBe('unsupported')
  })
})

describe('truncationWarning', () => {
  it('warns when the server read far fewer tokens than the prompt holds (a silently cut context)', () => {
    expect(truncationWarning(40_000, 2048)).toMatch(/context window probably cut part of the session off/)
    expect(truncationWarning(40_000, 9000)).toBeNull()
    expect(truncationWarning(40_000, null)).toBeNull()
    expect(truncationWarning(1000, 10)).toBeNull()
  })
})
