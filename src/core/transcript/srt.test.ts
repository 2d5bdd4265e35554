import { describe, expect, it } from 'vitest'
import { parseSrt } from './srt.js'
import { expectInvalid } from './test-helpers.js'

describe('parseSrt', () => {
  it('reads numbered cues with comma milliseconds and LABEL: text', () => {
    const text =
      '1\n00:00:03,186 --> 00:00:09,802\nTHERAPIST: Come on in.\n\n2\n00:00:10,728 --> 00:00:11,289\nCLIENT: Eventually.\n'
    expect(parseSrt(text).segments).toEqual([
      { speaker: 'THERAPIST', start: 3.186, end: 9.802, text: 'Come on in.', line: 3 },
      { speaker: 'CLIENT', start: 10.728, end: 11.289, text: 'Eventually.', line: 7 },
    ])
  })

  it('joins multi-line cue text and strips font tags', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n<i>CLIENT: one</i>\ntwo\n'
    expect(parseSrt(text).segments[0]!.text).toBe('one two')
  })

  it('refuses a truncated cue and a malformed timestamp', () => {
    expectInvalid(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\n'), 'truncated-cue', 2)
    expectInvalid(() => parseSrt('1\n00:00:01,000 --> 00:0x:02,000\nA: hi\n'), 'timestamp', 2)
  })
})
