import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadSamples, samplesAvailable } from '../../../test/support/samples.js'
import { splitSentences } from '../text/index.js'
import { parseTranscript } from '../transcript/index.js'
import { indexEvidence } from './evidence.js'
import { buildDraft, buildTranscript, SESSION } from './test-helpers.js'
import { verifyDraft, verifyStatement } from './verify.js'

const transcript = buildTranscript(SESSION)
const index = indexEvidence(transcript)

describe('evidence exists', () => {
  it('flags a statement with no evidence', () => {
    const v = verifyStatement({ text: 'Client reported sleeping four hours.', evidence: [] }, index)
    expect(v).toMatchObject({ status: 'unsupported', support: 0, reasons: ['no evidence'] })
  })

  it('flags unknown evidence ids, even next to known ones', () => {
    const v = verifyStatement(
      { text: 'Client reported sleeping four to five hours.', evidence: ['u999'] },
      index,
    )
    expect(v).toMatchObject({ status: 'unsupported', support: 0, reasons: ['unknown evidence id u999'] })
    const mixed = verifyStatement(
      { text: 'Client reported sleeping four to five hours.', evidence: ['u2', 'c7'] },
      index,
    )
    expect(mixed.status).toBe('unsupported')
    expect(mixed.reasons).toEqual(['unknown evidence id c7'])
  })

  it('gives clinician-input status to a statement resting only on clinician input it matches', () => {
    const input = [{ id: 'c1', text: 'Diagnosis: generalized anxiety disorder', field: 'diagnosis' }]
    const idx = indexEvidence(transcript, { clinicianInput: input })
    const ok = verifyStatement({ text: 'Diagnosis is generalized anxiety disorder.', evidence: ['c1'] }, idx)
    const wrong = verifyStatement({ text: 'Diagnosis is major depressive disorder.', evidence: ['c1'] }, idx)
    const mixed = verifyStatement(
      {
        text: 'Client, diagnosed with generalized anxiety disorder, is sleeping four to five hours.',
        evidence: ['c1', 'u2'],
      },
      idx,
    )
    expect(ok.status).toBe('clinician-input')
    expect(wrong.status).toBe('unsupported')
    expect(mixed.status).toBe('supported')
  })
})

describe('verifyDraft', () => {
  it('recomputes every statement and keeps the draft shape, adding omissions', () => {
    const draft = buildDraft([
      {
        text: 'Client reported sleeping four to five hours a night.',
        evidence: ['u2'],
        status: 'unsupported',
        support: 0,
      },
      { text: 'Client reported a trip to Mexico.', evidence: ['u2'], status: 'supported', support: 1 },
      { text: 'Clinician-edited line without evidence.', evidence: [] },
    ])
    const out = verifyDraft(draft, transcript)
    expect(out.format).toBe(draft.format)
    expect(out.sections.map((s) => [s.key, s.title, s.statements.length])).toEqual([['data', 'Data', 3]])
    expect(out.sections[0]!.statements.map((s) => s.status)).toEqual([
      'supported',
      'unsupported',
      'unsupported',
    ])
    expect(out.omissions).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'medication' })]))
    expect(draft.sections[0]!.statements[0]!.status).toBe('unsupported')
  })

  it('keeps transcript text out of reasons (only the offending word or number)', () => {
    const draft = buildDraft([
      {
        text: 'Client reported taking lorazepam 2 mg, and described a car accident on the highway.',
        evidence: ['u5'],
      },
      { text: 'Mother stated that she is sleeping well.', evidence: ['u7'] },
    ])
    const reasons = verifyDraft(draft, transcript).sections[0]!.statements.flatMap((s) => s.reasons ?? [])
    expect(reasons.length).toBeGreaterThan(0)
    for (const r of reasons)
      for (const word of ['sertraline', 'texting', 'morning', 'fifty']) expect(r).not.toContain(word)
  })

  it('verifies a 50,000-word transcript and its draft in well under a second', () => {
    const turns = Array.from({ length: 460 }, () => SESSION).flat()
    const big = buildTranscript(turns)
    const words = big.utterances.reduce((n, u) => n + u.text.split(/\s+/).length, 0)
    expect(words).toBeGreaterThan(50_000)
    const draft = buildDraft(
      Array.from({ length: 200 }, (_, i) => ({
        text: 'Client reported sleeping four to five hours a night.',
        evidence: [`u${(i * 11 + 2) % big.utterances.length}`],
      })),
    )
    const started = performance.now()
    verifyDraft(draft, big)
    // Budget doubled for a loaded test machine; an idle one takes about a quarter of this.
    expect(performance.now() - started).toBeLessThan(1500)
  })
})

const ids = fc.constantFrom(
  'u1',
  'u2',
  'u3',
  'u4',
  'u5',
  'u6',
  'u7',
  'u8',
  'u9',
  'u10',
  'u11',
  'c1',
  'u0',
  'u999',
)
const WORDS = [
  'I',
  'you',
  'my',
  'mom',
  'not',
  "don't",
  'never',
  'no',
  'denied',
  'sleep',
  'sleeping',
  'slept',
  'four',
  '4',
  'five',
  'hours',
  'mg',
  'milligrams',
  'sertraline',
  'Zoloft',
  'Grace',
  'Dana',
  'said',
  'reported',
  'and',
  'but',
  'the',
  'a',
  'fifty',
  'one',
  'fifty-eight',
  'to',
  'or',
  'self-harm',
  'SI',
  'twice',
  'week',
  'Dr.',
  'constructor',
  '__proto__',
]
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '? ', '! ', '; ', ' - ', '\n\n', ' "']

describe('properties', () => {
  it('never crashes on any statement text and any evidence list; support stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            text: fc.string({ maxLength: 120 }),
            evidence: fc.array(fc.oneof(ids, fc.string()), { maxLength: 4 }),
          }),
          {
            maxLength: 6,
          },
        ),
        (statements) => {
          const out = verifyDraft(buildDraft(statements), transcript)
          for (const s of out.sections[0]!.statements) {
            expect(s.support).toBeGreaterThanOrEqual(0)
            expect(s.support).toBeLessThanOrEqual(1)
            expect(s.status).toBeDefined()
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('supports any sentence copied from its evidence utterance (generated speech)', () => {
    const speech = fc
      .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
        minLength: 1,
        maxLength: 40,
      })
      .map((parts) => `${parts.map(([w, s]) => w + s).join('')}.`)
    fc.assert(
      fc.property(speech, speech, fc.nat(), (question, answer, pick) => {
        const t = buildTranscript([
          ['Dr. Rivera', 'clinician', `${question}?`],
          ['Dana', 'client', answer],
        ])
        const sentences = splitSentences(answer)
        const sentence = sentences[pick % sentences.length]!.text
        const v = verifyStatement({ text: sentence, evidence: ['u2'] }, indexEvidence(t))
        expect(v.reasons).toEqual([])
        expect(v.status).toBe('supported')
      }),
      { numRuns: 500 },
    )
  })

  it.skipIf(!samplesAvailable())(
    'supports every sentence of the sample transcripts copied from its utterance',
    () => {
      for (const sample of loadSamples()) {
        const t = parseTranscript(sample.bytes, { roles: sample.gold.roles as Record<string, never> })
        const idx = indexEvidence(t)
        for (const u of t.utterances) {
          for (const s of splitSentences(u.text)) {
            const v = verifyStatement({ text: s.text, evidence: [u.id] }, idx)
            expect({ id: sample.id, text: s.text, reasons: v.reasons }).toEqual({
              id: sample.id,
              text: s.text,
              reasons: [],
            })
          }
        }
      }
    },
  )
})

describe('risk flags as evidence for their category', () => {
  const flag = {
    kind: 'risk.access_to_means',
    polarity: 'denied' as const,
    evidence: ['u3', 'u4'],
    excerpt: 'No.',
  }
  const statement = { text: 'Client denied access to lethal means when asked.', evidence: ['u3', 'u4'] }

  it('lets a statement name the category of a flag resting on its evidence, with the flag polarity', () => {
    expect(verifyStatement(statement, indexEvidence(transcript, { riskFlags: [flag] })).status).toBe(
      'supported',
    )
    expect(verifyStatement(statement, index).status).toBe('unsupported')
    const positive = { text: 'Client described access to lethal means: "No."', evidence: ['u3', 'u4'] }
    expect(
      verifyStatement(positive, indexEvidence(transcript, { riskFlags: [flag] })).reasons?.join(' '),
    ).toMatch(/negation: statement affirms/)
  })

  it("verifyDraft uses the draft's own risk flags", () => {
    const draft = { ...buildDraft([statement]), flags: [flag] }
    expect(verifyDraft(draft, transcript).sections[0]!.statements[0]!.status).toBe('supported')
  })
})
