import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadSamples, samplesAvailable } from '../../../test/support/samples.js'
import { AppError } from '../../platform/errors.js'
import { parseTranscript, Transcript } from './index.js'

/** The invariant: a usable Transcript with at least one utterance, or an AppError; nothing else. */
function parsesOrRefuses(input: Uint8Array | string, secrets: readonly string[] = []): void {
  let result: Transcript
  try {
    result = parseTranscript(input)
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    expect(['TRANSCRIPT_INVALID', 'VALIDATION_FAILED']).toContain(error.code)
    for (const secret of secrets) expect(error.message).not.toContain(secret)
    return
  }
  expect(result.utterances.length).toBeGreaterThan(0)
  expect(Transcript.safeParse(result).success).toBe(true)
}

const samples = samplesAvailable() ? loadSamples() : []
// Identifiers long enough not to collide with the words of an error message.
const phi = [...new Set(samples.flatMap((s) => s.gold.phi.map((p) => p.text)).filter((t) => t.length >= 6))]

describe('parseTranscript never crashes', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })),
        (text) => parsesOrRefuses(text),
      ),
      { numRuns: 500 },
    )
  })

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => parsesOrRefuses(bytes)),
      { numRuns: 500 },
    )
  })

  it('on strings built from transcript fragments', () => {
    const fragment = fc.constantFrom(
      'WEBVTT',
      '',
      '1',
      '00:00:01.000 --> 00:00:02.000',
      '00:00:01,000 --> 00:00:02,000',
      '00:00:09.000 --> 00:00:02.000',
      'Dr. Lee: hi there',
      '<v Sam (they/them)>hello</v>',
      '<v Sam>',
      '[00:00:03] A: yes',
      '[00:0x:03] A: yes',
      '[laughs]',
      'A:',
      'CLIENT: no',
      '{"utterances": [',
      '{"speaker": "A", "start": 1, "end": 2, "text": "hi"}',
      ']}',
      'period',
      'new paragraph',
      'quote',
      'end of dictation',
      'NOTE x',
      '\uFEFF',
      '\r',
      '\u0000',
    )
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', ' '), (parts, sep) =>
        parsesOrRefuses(parts.join(sep)),
      ),
      { numRuns: 1000 },
    )
  })
})

describe('parseTranscript round-trips well-formed transcripts', () => {
  const label = fc.constantFrom(
    'Dr. Ada Cole',
    'Ben',
    "Kim's iPad",
    'Noor Haddad (she/her)',
    'Hollis Ray, LMFT',
    'A',
    'B',
  )
  const words = fc
    .array(
      fc.constantFrom(
        'yes',
        'no',
        'I',
        'think',
        'so.',
        'Why?',
        'okay,',
        'the',
        'week',
        '"quoted"',
        'ñandú',
        '5',
      ),
      {
        minLength: 1,
        maxLength: 12,
      },
    )
    .map((w) => w.join(' '))
  const turns = fc.array(fc.tuple(label, words), { minLength: 1, maxLength: 40 })

  const merged = (list: [string, string][]) =>
    list.reduce<[string, string][]>((out, [s, t]) => {
      const last = out.at(-1)
      if (last && last[0] === s) last[1] = `${last[1]} ${t}`
      else out.push([s, t])
      return out
    }, [])

  it('as Zoom WebVTT', () => {
    fc.assert(
      fc.property(turns, (list) => {
        const cues = list.map(
          ([s, t], i) =>
            `${i + 1}\n00:00:${String(i).padStart(2, '0')}.000 --> 00:00:${String(i).padStart(2, '0')}.500\n${s}: ${t}`,
        )
        const t = parseTranscript(`WEBVTT\n\n${cues.join('\n\n')}\n`)
        expect(t.utterances.map((u) => [u.speaker, u.text])).toEqual(merged(list))
      }),
      { numRuns: 200 },
    )
  })

  it('as speech-to-text JSON', () => {
    fc.assert(
      fc.property(turns, (list) => {
        const utterances = list.map(([speaker, text], i) => ({ speaker, start: i, end: i + 0.5, text }))
        const t = parseTranscript(JSON.stringify({ utterances }, null, 1))
        expect(t.utterances.map((u) => [u.speaker, u.text])).toEqual(merged(list))
      }),
      { numRuns: 200 },
    )
  })
})

describe.skipIf(samples.length === 0)('parseTranscript on damaged samples', () => {
  const sample = fc.constantFrom(...samples)

  it('truncated anywhere', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), (s, at) =>
        parsesOrRefuses(s.bytes.subarray(0, Math.floor(s.bytes.length * at)), phi),
      ),
      { numRuns: 150 },
    )
  })

  it('with lines shuffled or dropped', () => {
    fc.assert(
      fc.property(
        sample,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        fc.boolean(),
        (s, rand, shuffle) => {
          const lines = s.bytes.toString('utf8').split('\n')
          const kept = lines.filter(() => rand.next().value > 0.2)
          if (shuffle) kept.sort(() => rand.next().value - 0.5)
          parsesOrRefuses(kept.join('\n'), phi)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('with bytes flipped', () => {
    fc.assert(
      fc.property(
        sample,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        (s, flips) => {
          const bytes = new Uint8Array(s.bytes)
          for (const [at, value] of flips) bytes[at % bytes.length] = value
          parsesOrRefuses(bytes, phi)
        },
      ),
      { numRuns: 150 },
    )
  })
})
