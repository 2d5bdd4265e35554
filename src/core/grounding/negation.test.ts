import { describe, expect, it } from 'vitest'
import { analyseText } from './analyse.js'
import { indexEvidence } from './evidence.js'
import { checkNegation, countPolarity } from './negation.js'
import { buildTranscript, SESSION } from './test-helpers.js'
import { verifyStatement } from './verify.js'

const index = indexEvidence(buildTranscript(SESSION))
const verify = (text: string, ...evidence: string[]) => verifyStatement({ text, evidence }, index)
const negated = (text: string) =>
  analyseText(text)
    .words.filter((w) => w.negated)
    .map((w) => w.norm)

describe('negation', () => {
  it('accepts a denial resting on a "No." answer to the question before it', () => {
    expect(verify('Client denied thoughts of hurting herself or ending her life.', 'u4').status).toBe(
      'supported',
    )
    expect(verify('Client denied thoughts of hurting herself or ending her life.', 'u3', 'u4').status).toBe(
      'supported',
    )
  })

  it('flags a positive statement over a denial', () => {
    const v = verify('Client endorsed thoughts of hurting herself.', 'u3', 'u4')
    expect(v.status).toBe('unsupported')
    expect(v.reasons).toContain('negation: statement affirms "thoughts" but evidence negates it')
  })

  it('flags a denial over "yes, I have"', () => {
    const v = verify('Client denied going out more.', 'u8', 'u9')
    expect(v.status).toBe('unsupported')
    expect(v.reasons?.join(' ')).toMatch(/negation: statement negates "going" but evidence/)
  })

  it('flags "sleeping well" over "I\'m not sleeping"', () => {
    const v = verify('Client reported sleeping well.', 'u7')
    expect(v.reasons).toContain('negation: statement affirms "sleeping" but evidence negates it')
  })

  it('flags a "not" inserted into a statement whose evidence has no negation at all', () => {
    const v = verify('Client reported that she is not taking the sertraline every morning.', 'u5')
    expect(v.reasons?.join(' ')).toContain('evidence has no negation')
  })

  it('reads a denial across a list, and "denied that … not" as a double negative', () => {
    expect(negated('Denies SI, HI, no hx suicide attempts, no firearms.')).toEqual(
      expect.arrayContaining(['si', 'hi', 'hx', 'suicide', 'attempts', 'firearms']),
    )
    expect(negated('Client denied that she is not sleeping.')).not.toContain('sleeping')
    expect(negated('Denies panic attacks and reports worry.')).not.toContain('worry')
  })

  it('ends a "not" at the clause and treats "I don\'t know if" as a hedge', () => {
    expect(negated("I'm not sleeping, and I feel fine.")).toEqual(['sleeping'])
    expect(analyseText("I don't know if I slept.").words.find((w) => w.norm === 'slept')?.hedged).toBe(true)
  })

  it('lets words the evidence both asserts and negates abstain', () => {
    const evidence = countPolarity([{ analysis: analyseText("I slept badly. Then I hadn't slept at all.") }])
    expect(checkNegation(analyseText('slept').words, evidence)).toEqual([])
  })

  it('treats a question as asserting nothing until it is answered', () => {
    const counts = countPolarity([{ analysis: analyseText('Have you been drinking?') }])
    expect(counts.size).toBe(0)
    const answered = countPolarity([{ analysis: analyseText('Have you been drinking?'), answer: 'no' }])
    expect(answered.get('drink')).toEqual({ pos: 0, neg: 1 })
  })
})

describe('negation in note templates', () => {
  it('keeps a denial across a quoted answer inside parentheses', () => {
    const words = negated(
      'Client denied wishing to be dead ("No. Never."), self-harm and suicidal thoughts when asked.',
    )
    expect(words).toEqual(expect.arrayContaining(['wishing', 'dead', 'self-harm', 'suicidal', 'thoughts']))
  })

  it('reads "When asked about X, client said: …" as a question about X', () => {
    const words = analyseText(
      'When asked about the lawyer, or the mediator, client said: the mediator.',
    ).words
    expect(words.find((w) => w.norm === 'lawyer')?.question).toBe(true)
    expect(words.filter((w) => w.norm === 'mediator').map((w) => w.question)).toEqual([true, false])
  })
})
