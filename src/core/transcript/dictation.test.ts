import { describe, expect, it } from 'vitest'
import { applySpokenPunctuation, DICTATION_SPEAKER, parseDictation } from './dictation.js'
import { expectInvalid } from './test-helpers.js'

describe('applySpokenPunctuation', () => {
  it.each([
    ['Denies SI slash HI', 'Denies SI/HI'],
    ['CC colon quote I cannot sleep unquote', 'CC: "I cannot sleep"'],
    ['on weekends, comma, no other substances', 'on weekends, no other substances'],
    ['mood comma rule out', 'mood, rule out'],
    ['affect open paren constricted close paren', 'affect (constricted)'],
    ['follow up semicolon sooner if needed', 'follow up; sooner if needed'],
    ['history of colon cancer in father', 'history of colon cancer in father'],
    ['the quote from her mother', 'the quote from her mother'],
  ])('%s → %s', (spoken, written) => expect(applySpokenPunctuation(spoken)).toBe(written))
})

describe('parseDictation', () => {
  const text = `This is Dr. Lee dictating for J. Smith, DOS May 2nd. Face to face fifty minutes. New paragraph.
CC colon quote tired unquote period. Denies SI slash HI comma no firearms period. Sleep poor for a period of two weeks period.
Plan colon weekly therapy period. End of dictation.
Some trailing words.`

  it('makes one utterance per dictated sentence, with the line it starts on', () => {
    const parsed = parseDictation(text)
    expect(parsed.mergeTurns).toBe(false)
    expect(parsed.segments.map((s) => [s.text, s.line])).toEqual([
      ['This is Dr. Lee dictating for J. Smith, DOS May 2nd.', 1],
      ['Face to face fifty minutes.', 1],
      ['CC: "tired".', 2],
      ['Denies SI/HI, no firearms.', 2],
      ['Sleep poor for a period of two weeks.', 2],
      ['Plan: weekly therapy.', 3],
    ])
    expect(parsed.segments.every((s) => s.speaker === DICTATION_SPEAKER)).toBe(true)
  })

  it('keeps the words as dictated for each sentence', () => {
    const parsed = parseDictation(text)
    expect(parsed.segments[3]!.verbatim).toBe('Denies SI slash HI comma no firearms period.')
  })

  it('stops at "end of dictation" and warns about what follows', () => {
    const parsed = parseDictation(text)
    expect(parsed.segments.some((s) => s.text.includes('trailing'))).toBe(false)
    expect(parsed.warnings).toEqual(['Ignored text after the end-of-dictation command (line 3).'])
  })

  it('splits on question marks and blank lines', () => {
    const parsed = parseDictation('Is the client sleeping question mark unclear\n\nnext part')
    expect(parsed.segments.map((s) => s.text)).toEqual(['Is the client sleeping?', 'unclear', 'next part'])
  })

  it('refuses a dictation with no words', () => {
    expectInvalid(() => parseDictation('End of dictation.'), 'no-speech')
  })
})
