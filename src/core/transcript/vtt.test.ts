import { describe, expect, it } from 'vitest'
import { expectInvalid, expectNoLeak } from './test-helpers.js'
import { parseVtt } from './vtt.js'

const zoom = `WEBVTT

1
00:00:02.711 --> 00:00:08.850
Dr. Sam Rivera: Hi, can you hear me?

2
00:00:09.741 --> 00:00:19.577
Jordan's iPad: Yeah, I can hear you.

3
00:00:19.600 --> 00:00:25.000
Jordan's iPad: The sound is fine.
`

const teams = `WEBVTT

a9ae3bda-3061-945a-1143-1fb18d11fe70/11-0
00:00:01.282 --> 00:00:09.612
<v Noor Haddad (she/her)>Hey. I can hear
your music, I think?</v>

a9ae3bda-3061-945a-1143-1fb18d11fe70/12-0
00:00:12.563 --> 00:00:16.893
<v Hollis Barrett-Njoroge, LMFT>Sorry &amp; hold on.</v>
`

describe('parseVtt', () => {
  it('reads Zoom cues "Name: text" with times and the text line', () => {
    const { segments } = parseVtt(zoom)
    expect(segments).toEqual([
      { speaker: 'Dr. Sam Rivera', start: 2.711, end: 8.85, text: 'Hi, can you hear me?', line: 5 },
      { speaker: "Jordan's iPad", start: 9.741, end: 19.577, text: 'Yeah, I can hear you.', line: 9 },
      { speaker: "Jordan's iPad", start: 19.6, end: 25, text: 'The sound is fine.', line: 13 },
    ])
  })

  it('reads Teams voice tags, multi-line cues, pronouns and credentials, entities', () => {
    const { segments } = parseVtt(teams)
    expect(segments.map((s) => [s.speaker, s.text, s.line])).toEqual([
      ['Noor Haddad (she/her)', 'Hey. I can hear your music, I think?', 5],
      ['Hollis Barrett-Njoroge, LMFT', 'Sorry & hold on.', 10],
    ])
  })

  it('splits one cue with two voices and strips formatting tags', () => {
    const text = 'WEBVTT\n\n00:01.000 --> 00:04.000\n<v A><i>Hi</i> there</v> <v.loud B>Hello</v>\n'
    expect(parseVtt(text).segments.map((s) => [s.speaker, s.text, s.start])).toEqual([
      ['A', 'Hi there', 1],
      ['B', 'Hello', 1],
    ])
  })

  it('skips the header, NOTE, STYLE and REGION blocks', () => {
    const text =
      'WEBVTT - meeting\nKind: captions\n\nNOTE recorded by the host\n\nSTYLE\n::cue { color: red }\n\n1\n00:00:01.000 --> 00:00:02.000\nA: hi\n'
    expect(parseVtt(text).segments).toHaveLength(1)
  })

  it('refuses a file without the WEBVTT signature', () => {
    expectInvalid(() => parseVtt('1\n00:00:01.000 --> 00:00:02.000\nA: hi'), 'speaker-format', 1)
  })

  it('refuses a truncated cue (timestamp and no text), naming the timing line', () => {
    expectInvalid(() => parseVtt(`${zoom}\n4\n00:00:26.000 --> 00:00:30.000\n`), 'truncated-cue', 16)
  })

  it('refuses a bad timestamp and a cue that ends before it starts', () => {
    expectInvalid(() => parseVtt('WEBVTT\n\n1\n00:00:61.000 --> 00:01:02.000\nA: hi'), 'timestamp', 4)
    expectInvalid(() => parseVtt('WEBVTT\n\n1\n00:00:05.000 --> 00:00:02.000\nA: hi'), 'timestamp', 4)
  })

  it('refuses a cue block with no timing line', () => {
    expectInvalid(() => parseVtt('WEBVTT\n\n1\nA: hi there\n'), 'truncated-cue', 3)
  })

  it('refuses cue text without a speaker and never quotes it', () => {
    const error = expectInvalid(
      () => parseVtt('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nmy secret words here'),
      'speaker-format',
      5,
    )
    expectNoLeak(error, 'secret')
  })

  it('refuses a voice with no words', () => {
    expectInvalid(() => parseVtt('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v A></v>'), 'truncated-cue', 5)
  })
})
