import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOpenAiEngine } from '../src/adapters/openai/index.js'
import type { NoteFormat } from '../src/core/drafting/draft.schema.js'
import { draftNote } from '../src/core/pipeline/index.js'
import {
  draftNoteWithEngine,
  type EgressAuditEvent,
  embeddedEngine,
  Provenance,
  ProviderConfig,
} from '../src/core/providers/index.js'
import { parseTranscript, type Role } from '../src/core/transcript/index.js'
import {
  type FakeOpenAi,
  quotingModel,
  type RecordedRequest,
  startFakeOpenAi,
} from './support/fake-openai.js'
import { loadSamples, type Sample, samplesAvailable } from './support/samples.js'

/** The samples README's rule: a gold identifier matches only between alphanumeric boundaries. */
function boundary(text: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`)
}

const FORMAT_OF: Record<string, NoteFormat> = {
  intake: 'intake',
  group: 'group',
  supervision: 'supervision',
  'family-with-patient': 'family',
  'family-without-patient': 'family',
}

function formatOf(sample: Sample): NoteFormat {
  return FORMAT_OF[sample.gold.session.service] ?? 'soap'
}

/** Everything that left for the fake provider, as text: path, headers, raw body and decoded messages. */
function whatLeft(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r) => {
    const messages = (r.json as { messages?: { content: string }[] } | undefined)?.messages ?? []
    return [r.path, JSON.stringify(r.headers), r.text, ...messages.map((m) => m.content)]
  })
}

function leaks(sample: Sample, texts: readonly string[]): string[] {
  return [...new Set(sample.gold.phi.map((p) => p.text))].filter((phi) =>
    texts.some((t) => boundary(phi).test(t)),
  )
}

const provider = (fake: FakeOpenAi, overrides: Record<string, unknown> = {}) =>
  ProviderConfig.parse({
    id: 'office-ollama',
    name: 'Ollama on the office GPU box',
    kind: 'openai-compatible',
    baseUrl: fake.url,
    model: 'llama3.1:8b',
    locality: 'practice-network',
    ...overrides,
  })

describe.skipIf(!samplesAvailable())('drafting every sample through an OpenAI-compatible provider', () => {
  let fake: FakeOpenAi
  beforeAll(async () => {
    fake = await startFakeOpenAi((request) => ({
      kind: 'chat',
      content: quotingModel(request),
      stream: true,
    }))
  })
  afterAll(() => fake.close())

  for (const sample of samplesAvailable() ? loadSamples() : []) {
    it(`${sample.id}: no gold identifier reaches the provider; the draft comes back restored and verified`, async () => {
      const roles = Object.fromEntries(
        Object.entries(sample.gold.roles).filter(([label]) => label !== '*'),
      ) as Record<string, Role>
      const transcript = parseTranscript(sample.bytes, Object.keys(roles).length > 0 ? { roles } : {})
      const audit: EgressAuditEvent[] = []
      const engine = createOpenAiEngine({ provider: provider(fake), audit: (e) => void audit.push(e) })
      const options = {
        format: formatOf(sample),
        ...(sample.gold.group ? { member: sample.gold.group.note_for } : {}),
        part2: sample.gold.part2,
      }
      fake.requests.length = 0

      if (sample.gold.part2) {
        // s04: a Part 2 record goes nowhere without the client's Part 2 consent covering the provider.
        await expect(draftNoteWithEngine(transcript, options, engine)).rejects.toMatchObject({
          code: 'CONSENT_REQUIRED',
        })
        expect(fake.requests).toHaveLength(0)
        expect(audit).toEqual([expect.objectContaining({ outcome: 'refused', part2: true, characters: 0 })])
        audit.length = 0
      }

      const draft = await draftNoteWithEngine(
        transcript,
        { ...options, part2ConsentCoversProvider: sample.gold.part2 },
        engine,
      )
      expect(fake.chatRequests()).toHaveLength(1)
      expect(leaks(sample, whatLeft(fake.requests))).toEqual([])
      expect(leaks(sample, [JSON.stringify(audit)])).toEqual([])
      expect(audit).toEqual([
        expect.objectContaining({
          outcome: 'sent',
          category: 'transcript-deidentified',
          part2: sample.gold.part2,
        }),
      ])

      expect(draft.engine.name).toBe('openai-compatible')
      expect(Provenance.parse(draft.engine.provenance)).toMatchObject({ attempts: 1, deidentified: true })
      const statements = draft.sections.flatMap((s) => s.statements)
      expect(statements.length).toBeGreaterThan(0)
      // The model quoted de-identified utterances; restored, they are the transcript's own words.
      const said = new Set(transcript.utterances.map((u) => u.text))
      expect(statements.every((s) => said.has(s.text))).toBe(true)
      expect(statements.every((s) => s.status === 'supported')).toBe(true)
      if (sample.gold.group) {
        const sent = JSON.stringify(fake.requests.map((r) => r.json))
        const others = transcript.utterances.filter(
          (u) =>
            u.role === 'group-member' && !u.speaker.startsWith(sample.gold.group!.note_for.split(' ')[0]!),
        )
        expect(others.length).toBeGreaterThan(0)
        for (const u of others) expect(sent).not.toContain(`"${u.id}"`)
      }
    })
  }

  it('refuses a hosted provider without a BAA: clear error, an audit event, nothing sent', async () => {
    const [sample] = loadSamples()
    const transcript = parseTranscript(sample!.bytes)
    const audit: EgressAuditEvent[] = []
    fake.requests.length = 0
    const engine = createOpenAiEngine({
      provider: provider(fake, { locality: 'hosted', name: 'Hosted model' }),
      audit: (e) => void audit.push(e),
    })
    const error = await draftNoteWithEngine(transcript, { format: 'soap' }, engine).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'EGRESS_REFUSED', status: 403 })
    expect((error as Error).message).toMatch(
      /"Hosted model" is a hosted provider and no Business Associate Agreement is recorded for it/,
    )
    expect(fake.requests).toHaveLength(0)
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'ai.egress',
        outcome: 'refused',
        characters: 0,
        recipient: expect.objectContaining({ providerId: 'office-ollama', locality: 'hosted' }),
      }),
    ])
    expect(leaks(sample!, [JSON.stringify(audit), (error as Error).message])).toEqual([])
  })
})

describe.skipIf(!samplesAvailable())('the embedded engine behind the DraftingEngine interface', () => {
  for (const sample of samplesAvailable() ? loadSamples() : []) {
    it(`${sample.id}: drafts exactly what draftNote drafts (one pipeline, whichever entry point)`, async () => {
      const transcript = parseTranscript(sample.bytes)
      const options = {
        format: formatOf(sample),
        ...(sample.gold.group ? { member: sample.gold.group.note_for } : {}),
      }
      expect(await draftNoteWithEngine(transcript, options, embeddedEngine)).toEqual(
        draftNote(transcript, options),
      )
    })
  }
})
