import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentStems, extractNumbers, numberValues, parseNumber, splitSentences } from './index.js'

describe('numbers', () => {
  it.each([
    ['ninety-five', 95],
    ['twelve hundred and forty', 1240],
    ['six and a half', 6.5],
    ['1,240', 1240],
    ['6.5', 6.5],
    ['the 17th', 17],
    ['the nineteenth', 19],
    ['two thousand nineteen', 2019],
    ['twice', 2],
    ['forty-one', 41],
  ])('reads %s as %d', (text, value) => {
    expect(extractNumbers(text).map((m) => m.value)).toContain(value)
  })

  it('keeps ranges as two numbers', () => {
    expect(extractNumbers('four to five hours').map((m) => m.value)).toEqual([4, 5])
  })

  it('reads spoken digit groups both ways', () => {
    const values = numberValues('one fifty-eight bpm, one eighteen over seventy-six')
    for (const v of [158, 1, 58, 118, 76]) expect(values.has(v)).toBe(true)
  })

  it('parses a whole-number string only when the string is just a number', () => {
    expect(parseNumber('fifty-five')).toBe(55)
    expect(parseNumber('55')).toBe(55)
    expect(parseNumber('fifty-five minutes')).toBeUndefined()
  })

  it('does not read object keys such as "constructor" as numbers', () => {
    expect(extractNumbers('the constructor of toString')).toEqual([])
  })

  it('never throws and returns offsets inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        for (const m of extractNumbers(s)) {
          expect(m.start).toBeGreaterThanOrEqual(0)
          expect(m.end).toBeLessThanOrEqual(s.length)
          expect(Number.isFinite(m.value)).toBe(true)
        }
      }),
    )
  })
})

describe('sentences', () => {
  it('splits at sentence ends but not at abbreviations, initials or decimals', () => {
    const parts = splitSentences(
      'Hi, Dr. Rivera. I woke at 3 a.m. again. It is 6.5 today! I saw R.T. on Monday. No. Okay?',
    )
    expect(parts.map((p) => p.text)).toEqual([
      'Hi, Dr. Rivera.',
      'I woke at 3 a.m. again.',
      'It is 6.5 today!',
      'I saw R.T. on Monday.',
      'No.',
      'Okay?',
    ])
  })

  it('covers the text: offsets point at the sentence', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        for (const p of splitSentences(s)) expect(s.slice(p.start, p.end)).toBe(p.text)
      }),
    )
  })
})

describe('content stems', () => {
  it('drops filler, stop words, negations and numbers, and stems the rest', () => {
    expect(contentStems("Um, I've been sleeping four to five hours, and I don't know.")).toEqual([
      'sleep',
      'hour',
    ])
  })
})
