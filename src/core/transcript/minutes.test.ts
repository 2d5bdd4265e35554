import { describe, expect, it } from 'vitest'
import { findStatedMinutes, timedMinutes } from './minutes.js'

const stated = (...texts: string[]) => findStatedMinutes(texts.map((text, i) => ({ text, line: i + 1 })))

describe('timedMinutes', () => {
  it('floors (last end or start − first start) / 60', () => {
    const seg = (start: number, end: number | null) => ({ speaker: 'A', text: 'x', line: 1, start, end })
    expect(timedMinutes([seg(2.7, 8.8), seg(3100, 3139.8)])).toBe(52)
    expect(timedMinutes([seg(1, null), seg(1813, null)])).toBe(30)
    expect(timedMinutes([{ speaker: 'A', text: 'x', line: 1, start: null, end: null }])).toBeNull()
  })
})

describe('findStatedMinutes', () => {
  it.each([
    ['So we have thirty-five minutes today, and I know', 35],
    ["Okay, that's our fifty-five minutes.", 55],
    ['In person, face to face fifty-five minutes.', 55],
    ['=== recording length 01:00:18 ===', 60],
    ["Great. We've got the full hour today.", 60],
    ['Duration: 45 min', 45],
    ['Total session time: 53 minutes', 53],
    ['This is a 30-minute session.', 30],
    ["We've got about forty minutes.", 40],
  ])('%s → %i', (text, minutes) => expect(stated(text)?.minutes).toBe(minutes))

  it.each([
    'I have a hard stop at four fifty-five.',
    'Take fifteen minutes, sweep, rate the mood.',
    'If I am two minutes late coming back from lunch',
    'We have ten minutes left.',
    "I've been running over. Like ten minutes over.",
    "We've got a few minutes.",
    'Thirty minutes at the end of each day.',
  ])('ignores %j', (text) => expect(stated(text)).toBeNull())

  it('prefers file metadata, then closing statements, and warns when statements differ', () => {
    const found = stated(
      'We have fifty minutes today.',
      'recording length 00:48:10',
      "That's our fifty minutes.",
    )
    expect(found).toMatchObject({ minutes: 48, line: 2 })
    expect(found?.warnings).toHaveLength(1)
  })
})
