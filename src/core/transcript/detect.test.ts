import { describe, expect, it } from 'vitest'
import { detectFormat } from './detect.js'
import { TRANSCRIPT_FORMATS } from './formats.js'
import { expectInvalid } from './test-helpers.js'

describe('detectFormat', () => {
  it.each([
    ['WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi', 'zoom-vtt'],
    ['WEBVTT\n\nx/1-0\n00:00:01.000 --> 00:00:02.000\n<v A>hi</v>', 'teams-vtt'],
    ['1\n00:00:01,000 --> 00:00:02,000\nA: hi', 'srt'],
    ['[00:00:01] A: hi\n[00:00:02] B: yo', 'txt-timestamps'],
    ['{"utterances": []}', 'stt-json'],
    ['  [\n {"speaker": "A"}]', 'stt-json'],
    ['Header line\n\nA: hi\n\nB: hello', 'txt'],
    ['[Transcript begins.]\n\nA: hi\n\nB: hello', 'txt'],
    ['Client seen for follow up period. Denies SI slash HI period.', 'dictation'],
    ['Client seen today. Reports better sleep. Plan to continue weekly.', 'dictation'],
    ['HPI: 46 y/o M with insomnia.\nMSE: alert.\nPlan: weekly therapy.', 'dictation'],
  ])('recognises %j as %s', (text, format) => expect(detectFormat(text)).toBe(format))

  it('detects every example in the formats table as its own format', () => {
    for (const f of TRANSCRIPT_FORMATS) expect(detectFormat(f.example), f.id).toBe(f.id)
  })

  it('refuses times in an unsupported layout instead of calling it dictation', () => {
    expectInvalid(
      () => detectFormat('Speaker 1  0:03\nHello there\nSpeaker 2  0:07\nHi'),
      'speaker-format',
      1,
    )
  })

  it('refuses text that is not words', () => {
    expectInvalid(() => detectFormat('%%% ### 123 456'), 'speaker-format')
  })
})
