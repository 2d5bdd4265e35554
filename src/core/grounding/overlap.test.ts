import { describe, expect, it } from 'vitest'
import { analyseText } from './analyse.js'
import { indexEvidence } from './evidence.js'
import { findStem, measureOverlap } from './overlap.js'
import { buildTranscript, SESSION } from './test-helpers.js'
import { verifyStatement } from './verify.js'

const index = indexEvidence(buildTranscript(SESSION))
const verify = (text: string, ...evidence: string[]) => verifyStatement({ text, evidence }, index)

describe('content overlap', () => {
  it('supports a third-person paraphrase that keeps the content words', () => {
    const v = verify('Client reported sleeping four to five hours a night and waking at 3 a.m.', 'u2')
    expect(v.status).toBe('supported')
    expect(v.support).toBeGreaterThan(0.8)
  })

  it('accepts light synonymy (mom/mother) and irregular past tenses (slept/sleep)', () => {
    expect(verify('Client reported that her mother keeps texting her about it.', 'u7').status).toBe(
      'supported',
    )
    expect(verify('Client reported that she slept four to five hours a night.', 'u2').status).toBe(
      'supported',
    )
  })

  it('flags an invented event with real evidence ids, naming the missing words', () => {
    const v = verify('Client reported a visit to the emergency room last week.', 'u2')
    expect(v.status).toBe('unsupported')
    expect(v.reasons?.[0]).toMatch(
      /^low overlap with evidence \(0(\.\d+)?\): "visit", "emergency", "room" not found$/,
    )
  })

  it('flags an invented clause appended to a true statement', () => {
    const v = verify(
      'Client reported sleeping four to five hours a night, and described being arrested after a bar fight.',
      'u2',
    )
    expect(v.status).toBe('unsupported')
    expect(v.reasons?.join(' ')).toContain('arrested')
  })

  it('does not count templating words ("client", "reported", "session") as content', () => {
    const body = analyseText('sleeping hours').words
    const withTemplate = measureOverlap(body, new Set(['sleep', 'hour']), () => 1)
    expect(withTemplate.coverage).toBe(1)
    expect(verify('In session, client reported sleeping four to five hours.', 'u2').support).toBe(1)
  })

  it('weighs words by how rare they are in the session and scores the weakest clause', () => {
    const words = analyseText('sleep badly, emergency room visit').words
    const overlap = measureOverlap(words, new Set(['sleep', 'badli']), (s) => (s === 'emerg' ? 5 : 1))
    expect(overlap.weakestClause).toBe(0)
    // sleep, badly found (1 + 1) out of sleep, badly, emergency (5), room, visit
    expect(overlap.coverage).toBeCloseTo(2 / 9)
  })

  it('matches stems that share a long prefix, but not short ones', () => {
    expect(findStem('sleep', new Set(['sleepi']))).toBe('sleepi')
    expect(findStem('hospit', new Set(['hospitalis']))).toBe('hospitalis')
    expect(findStem('cat', new Set(['catch']))).toBeUndefined()
  })
})
