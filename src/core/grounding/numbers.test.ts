import { describe, expect, it } from 'vitest'
import { analyseText } from './analyse.js'
import { indexEvidence } from './evidence.js'
import { checkNumbers } from './numbers.js'
import { buildTranscript, SESSION } from './test-helpers.js'
import { verifyStatement } from './verify.js'

const index = indexEvidence(buildTranscript(SESSION))
const verify = (text: string, ...evidence: string[]) => verifyStatement({ text, evidence }, index)
const check = (statement: string, evidence: string) =>
  checkNumbers(analyseText(statement), [analyseText(evidence)])

describe('numbers and doses', () => {
  it('matches numbers written as digits against numbers said as words, and back', () => {
    expect(check('Dose is 95 mg.', 'Ninety-five now.')).toEqual([])
    expect(check('Sleeps four to five hours.', 'I get 4-5 hours.')).toEqual([])
    expect(check('Blood pressure 118/76.', 'one eighteen over seventy-six')).toEqual([])
    expect(check('Woke at 4:30.', 'by four thirty I was up')).toEqual([])
  })

  it('flags a number that is not in the evidence', () => {
    expect(check('Sleeps six hours.', 'I sleep four or five hours.')).toEqual(['number 6 not in evidence'])
    const v = verify('Client reported sleeping four to six hours a night.', 'u2')
    expect(v.status).toBe('unsupported')
    expect(v.reasons).toContain('number 6 not in evidence')
  })

  it('flags a dose or unit changed while the number stayed', () => {
    expect(check('Takes sertraline 50 mcg.', 'sertraline, fifty milligrams')).toEqual([
      'unit mismatch: 50 mcg but evidence has 50 mg',
    ])
    expect(verify('Client takes sertraline 50 mg every morning.', 'u5').status).toBe('supported')
    expect(verify('Client takes sertraline 100 mg every morning.', 'u5').reasons).toContain(
      'number 100 not in evidence',
    )
  })

  it('lets a unit the evidence never states come from context', () => {
    expect(check('Methadone dose increased to 95 mg.', 'Ninety-five now. They bumped me up.')).toEqual([])
  })

  it('does not let one number in the evidence stand for two in the statement', () => {
    expect(check('It took two or two minutes.', 'It took two or three minutes.')).toEqual([
      'number 2 appears more often than in evidence',
    ])
  })

  it('reads numbers joined to words ("a six-pack", "a two-week hold")', () => {
    expect(check('a seven-pack', 'a six-pack')).toEqual(['number 7 not in evidence'])
    expect(check('a two-week hold', 'two weeks of hold')).toEqual([])
  })
})
