import { describe, expect, it } from 'vitest'
import { looksLikeLabel } from './segments.js'
import { expectInvalid } from './test-helpers.js'
import { parseTxt, splitLabelLine } from './txt.js'

describe('parseTxt', () => {
  const text = `=== Office recording | recording length 00:50:10 ===

DR. LEE: Okay, recorder's on. How are you?

SAM: Fine. [laughs] Mostly.

[about a minute of quiet]

SAM: Okay. Better.
And this line wrapped.

DR. LEE: Good.`

  it('keeps header lines and whole-line [notes] as notes, not talk', () => {
    const parsed = parseTxt(text)
    expect(parsed.notes).toEqual([
      { text: '=== Office recording | recording length 00:50:10 ===', line: 1 },
      { text: '[about a minute of quiet]', line: 7 },
    ])
  })

  it('reads turns with their lines, keeps inline [notes] in the words and joins wrapped lines', () => {
    expect(parseTxt(text).segments).toEqual([
      { speaker: 'DR. LEE', start: null, end: null, text: "Okay, recorder's on. How are you?", line: 3 },
      { speaker: 'SAM', start: null, end: null, text: 'Fine. [laughs] Mostly.', line: 5 },
      { speaker: 'SAM', start: null, end: null, text: 'Okay. Better. And this line wrapped.', line: 9 },
      { speaker: 'DR. LEE', start: null, end: null, text: 'Good.', line: 12 },
    ])
  })

  it('treats a "Key: value" header line used once before the talk as a note', () => {
    const parsed = parseTxt('Date: 2024-01-02\nClinic: Example\n\nA: hi\n\nB: hello\n\nA: bye')
    expect(parsed.notes.map((n) => n.text)).toEqual(['Date: 2024-01-02', 'Clinic: Example'])
    expect(parsed.segments.map((s) => s.speaker)).toEqual(['A', 'B', 'A'])
  })

  it('refuses a label with no words', () => {
    expectInvalid(() => parseTxt('A: hi\n\nB:\n\nA: bye'), 'truncated-cue', 3)
  })
})

describe('speaker labels', () => {
  it.each([
    'Dr. Ines Calloway',
    "Loretta's iPad",
    'Noor Haddad (she/her)',
    'Hollis Barrett-Njoroge, LMFT',
    'Obinna Hale (co-facilitator)',
    'Aaliyah M.',
    'DR. LINDAHL',
    'Speaker 1',
    'A',
    'Ana de la Cruz',
  ])('accepts %s', (label) => expect(looksLikeLabel(label)).toBe(true))

  it.each(['And then I said', 'so basically', 'Why me?', '"Quote'])('rejects %s', (label) =>
    expect(looksLikeLabel(label)).toBe(false),
  )

  it('splits only at the first ": " after a label-like prefix', () => {
    expect(splitLabelLine('YESENIA: She said: go away')).toEqual({
      label: 'YESENIA',
      text: 'She said: go away',
    })
    expect(splitLabelLine('And he said: go away')).toBeUndefined()
    expect(splitLabelLine('recording length 01:00:18')).toBeUndefined()
  })
})
