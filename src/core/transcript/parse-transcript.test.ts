import { describe, expect, it } from 'vitest'
import { parseTranscript, TRANSCRIPT_FORMATS, Transcript } from './index.js'
import { expectInvalid, expectNoLeak } from './test-helpers.js'

const vtt = `WEBVTT

1
00:00:05.000 --> 00:00:08.000
Dr. Sam Rivera: Hi, how was the week?

2
00:00:09.000 --> 00:00:12.000
Jordan Lee: It was long. I kept

3
00:00:12.100 --> 00:02:15.500
Jordan Lee: thinking about work.
`

describe('parseTranscript', () => {
  it('merges consecutive cues of one speaker with one space and numbers utterances u1, u2, …', () => {
    const t = parseTranscript(vtt)
    expect(Transcript.parse(t)).toEqual(t)
    expect(t.format).toBe('zoom-vtt')
    expect(t.utterances).toEqual([
      {
        id: 'u1',
        speaker: 'Dr. Sam Rivera',
        role: 'clinician',
        start: 5,
        end: 8,
        text: 'Hi, how was the week?',
        line: 5,
      },
      {
        id: 'u2',
        speaker: 'Jordan Lee',
        role: 'client',
        start: 9,
        end: 135.5,
        text: 'It was long. I kept thinking about work.',
        line: 9,
      },
    ])
    expect(t.speakers.map((s) => [s.label, s.utterances, s.words])).toEqual([
      ['Dr. Sam Rivera', 1, 5],
      ['Jordan Lee', 1, 8],
    ])
    expect(t).toMatchObject({ minutes: 2, minutesSource: 'timestamps', warnings: [] })
  })

  it('lets options.minutes override timestamps', () => {
    expect(parseTranscript(vtt, { minutes: 53 })).toMatchObject({ minutes: 53, minutesSource: 'option' })
  })

  it('reports stated minutes with the line that states them', () => {
    const t = parseTranscript('A: Hi. We have fifty minutes today. How are you?\n\nB: Fine.\n\nA: Okay.')
    expect(t).toMatchObject({ format: 'txt', minutes: 50, minutesSource: 'stated', minutesLine: 1 })
  })

  it('warns, not fails, when timestamps go backwards', () => {
    const text = vtt.replace('00:00:09.000 --> 00:00:12.000', '00:00:01.000 --> 00:00:12.000')
    const t = parseTranscript(text)
    expect(t.warnings).toEqual([
      'Timestamps go backwards at line 9; kept file order and measured the session from the earliest to the latest time.',
    ])
    expect(t.minutes).toBe(2)
  })

  it('warns when an untimed transcript states no length', () => {
    const t = parseTranscript('A: Hi, how are you?\n\nB: Fine.')
    expect(t.minutes).toBeNull()
    expect(t.warnings).toHaveLength(1)
  })

  it('parses a forced format and refuses a forced format that does not fit', () => {
    expect(parseTranscript('Okay. Thanks.', { format: 'dictation' }).utterances).toHaveLength(2)
    expectInvalid(() => parseTranscript('A: hi\n\nB: hello', { format: 'zoom-vtt' }), 'speaker-format', 1)
  })

  it('decodes UTF-16 with a BOM and CRLF line endings', () => {
    const text = vtt.replaceAll('\n', '\r\n')
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i)
    expect(parseTranscript(bytes).utterances.map((u) => u.line)).toEqual([5, 9])
  })

  it('parses every example of the formats table', () => {
    for (const f of TRANSCRIPT_FORMATS) expect(parseTranscript(f.example).format, f.id).toBe(f.id)
  })

  it('refuses a file with structure but no speech instead of returning an empty transcript', () => {
    expectInvalid(() => parseTranscript('WEBVTT\n\nNOTE nothing here\n'), 'no-speech')
    expectInvalid(() => parseTranscript('{"utterances": []}'), 'no-speech')
    expectInvalid(() => parseTranscript('[{"speaker": "A", "start": 0, "end": 1, "text": ""}]'), 'no-speech')
  })

  it('keeps transcript words out of every error message', () => {
    const secret = 'Cornelius'
    const cases = [
      `WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n${secret} said hi`,
      `WEBVTT\n\n1\n00:00:0x.000 --> 00:00:02.000\n${secret}: hi`,
      `{"utterances": [{"speaker": "${secret}", "text": 5}]}`,
      `{"utterances": [{"speaker": "${secret}" "text": "x"}]}`,
      `[00:00:01] ${secret} no colon here`,
      `${secret} 0:01\nhello\n${secret} 0:05\nhi`,
    ]
    for (const text of cases) {
      let message = ''
      try {
        parseTranscript(text)
      } catch (error) {
        message = (error as Error).message
        expectNoLeak(error as never, secret)
      }
      expect(message, text).not.toBe('')
    }
  })
})
