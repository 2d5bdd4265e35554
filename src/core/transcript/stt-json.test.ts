import { describe, expect, it } from 'vitest'
import { parseJson } from './json.js'
import { parseSttJson } from './stt-json.js'
import { expectInvalid, expectNoLeak } from './test-helpers.js'

describe('parseSttJson', () => {
  it('reads {"utterances": [...]} with the line each utterance starts on', () => {
    const text =
      '{"utterances": [\n  {"speaker": "A", "start": 1.59, "end": 7.08, "text": "Come in."},\n  {"speaker": "B", "start": 8.16, "end": 16.51, "text": " I\'ll  take it. "}\n]}'
    expect(parseSttJson(text).segments).toEqual([
      { speaker: 'A', start: 1.59, end: 7.08, text: 'Come in.', line: 2 },
      { speaker: 'B', start: 8.16, end: 16.51, text: "I'll take it.", line: 3 },
    ])
  })

  it('accepts a top-level array, "segments", results.utterances and alternative keys', () => {
    const item = '{"speaker_label": "spk_0", "start_time": "1.5", "end_time": "2", "transcript": "Hi"}'
    for (const text of [`[${item}]`, `{"segments": [${item}]}`, `{"results": {"utterances": [${item}]}}`]) {
      expect(parseSttJson(text).segments).toEqual([
        { speaker: 'spk_0', start: 1.5, end: 2, text: 'Hi', line: 1 },
      ])
    }
  })

  it('reads numeric speakers and skips empty segments', () => {
    const parsed = parseSttJson(
      '[{"speaker": 0, "start": 0, "end": 1, "text": " "}, {"speaker": 1, "start": 1, "end": 2, "text": "Hi"}]',
    )
    expect(parsed.segments.map((s) => s.speaker)).toEqual(['1'])
  })

  it('reads millisecond times as milliseconds, with a warning', () => {
    const parsed = parseSttJson('[{"speaker": "A", "start": 250, "end": 3000000, "text": "Hi"}]')
    expect(parsed.segments[0]).toMatchObject({ start: 0.25, end: 3000 })
    expect(parsed.warnings).toHaveLength(1)
  })

  it('refuses malformed JSON naming the line, without quoting it', () => {
    const error = expectInvalid(
      () => parseSttJson('{"utterances": [\n {"speaker": "A", "text": "secret"}\n {"speaker": "B"}\n]}'),
      'json',
      3,
    )
    expectNoLeak(error, 'secret')
    expectInvalid(() => parseSttJson('{"utterances": [\n'), 'json', 2)
    expectInvalid(() => parseSttJson(`${'['.repeat(10_000)}`), 'json', 1)
  })

  it('refuses JSON without an utterance list, without speakers or without text', () => {
    expectInvalid(() => parseSttJson('{"words": []}'), 'speaker-format', 1)
    expectInvalid(() => parseSttJson('[\n{"start": 1, "end": 2, "text": "Hi"}]'), 'speaker-format', 2)
    expectInvalid(() => parseSttJson('[\n{"speaker": "A", "start": 1}]'), 'truncated-cue', 2)
    expectInvalid(() => parseSttJson('[\n"just a string"]'), 'speaker-format', 1)
  })

  it('refuses negative, non-numeric and reversed times', () => {
    expectInvalid(
      () => parseSttJson('[{"speaker": "A", "start": -1, "end": 2, "text": "Hi"}]'),
      'timestamp',
      1,
    )
    expectInvalid(
      () => parseSttJson('[{"speaker": "A", "start": "soon", "end": 2, "text": "Hi"}]'),
      'timestamp',
      1,
    )
    expectInvalid(
      () => parseSttJson('[{"speaker": "A", "start": 5, "end": 2, "text": "Hi"}]'),
      'timestamp',
      1,
    )
  })
})

describe('parseJson', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n\\"x\\"", {}], "b": {"c": []}}'
    expect(parseJson(text).value).toEqual(JSON.parse(text))
  })

  it.each([
    ['{"a": 1,}', 1],
    ["{'a': 1}", 1],
    ['[1, 2\n3]', 2],
    ['{"a": 01}', 1],
    ['"line\nbreak"', 1],
    ['[1] [2]', 1],
    ['', 1],
  ])('rejects %j at line %i', (text, line) => {
    expectInvalid(() => parseJson(text), 'json', line)
  })
})
