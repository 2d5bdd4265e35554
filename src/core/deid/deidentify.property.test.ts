import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { deidentify, reidentify } from './index.js'

// Text built from pieces that exercise the detectors, mixed with arbitrary strings.
const piece = fc.oneof(
  fc.string(),
  fc.constantFrom(
    'Desmond',
    ' Dr. ',
    'Ms. K.',
    'R.T.',
    ' on the third',
    'March 12th, 1986',
    '(208) 555-0143',
    '987-65-4323',
    'bart@example.com',
    'https://x.example/a',
    '203.0.113.58',
    ' 2218 Wickersham Lane',
    '[NAME_1]',
    '[ name 2 ]',
    "Loretta's",
    'Quiñones',
    ' my daughter Ivy',
    '\n',
    ', ',
    '. ',
  ),
)
const text = fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(''))

describe('deidentify properties', () => {
  it('never throws; spans lie inside the text, in order, without overlap, and quote it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const { spans } = deidentify(t)
        let last = 0
        for (const s of spans) {
          expect(s.start).toBeGreaterThanOrEqual(last)
          expect(s.end).toBeGreaterThan(s.start)
          expect(s.end).toBeLessThanOrEqual(t.length)
          expect(t.slice(s.start, s.end)).toBe(s.text)
          last = s.end
        }
      }),
      { numRuns: 300 },
    )
  })

  it('reidentify(deidentify(x)) restores x exactly', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = deidentify(t, { known: { names: ['Ines Calloway'] } })
        expect(reidentify(r.text, r.map)).toEqual({ text: t, unknown: [] })
      }),
      { numRuns: 300 },
    )
  })
})
