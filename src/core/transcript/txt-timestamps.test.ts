import { describe, expect, it } from 'vitest'
import { expectInvalid } from './test-helpers.js'
import { parseTxtTimestamps } from './txt-timestamps.js'

describe('parseTxtTimestamps', () => {
  it('reads one turn per line with the start time and no end', () => {
    const parsed = parseTxtTimestamps(
      '[00:00:01] Marisol Quiñones: Come on back.\n[00:00:09] Curtis: Fancy.\n',
    )
    expect(parsed.segments).toEqual([
      { speaker: 'Marisol Quiñones', start: 1, end: null, text: 'Come on back.', line: 1 },
      { speaker: 'Curtis', start: 9, end: null, text: 'Fancy.', line: 2 },
    ])
  })

  it('keeps bracketed notes and header lines as notes and joins a wrapped line', () => {
    const parsed = parseTxtTimestamps('Session 4\n[00:00:01] A: one\ntwo\n[crosstalk]\n[00:00:05] B: three')
    expect(parsed.notes.map((n) => n.text)).toEqual(['Session 4', '[crosstalk]'])
    expect(parsed.segments[0]!.text).toBe('one two')
  })

  it('refuses a malformed timestamp, a missing speaker and a missing text', () => {
    expectInvalid(() => parseTxtTimestamps('[00:00:01] A: hi\n[00:7x:02] B: hi'), 'timestamp', 2)
    expectInvalid(() => parseTxtTimestamps('[00:00:01] A: hi\n[00:00:02] just words'), 'speaker-format', 2)
    expectInvalid(() => parseTxtTimestamps('[00:00:01] A: hi\n[00:00:02] B:'), 'truncated-cue', 2)
  })
})
