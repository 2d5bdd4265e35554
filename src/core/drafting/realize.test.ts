import { describe, expect, it } from 'vitest'
import { isFragment, realizeClinician, realizeReport } from './realize.js'

describe('realizeClinician', () => {
  it("keeps the clinician's recap of the client's words the clinician's statement", () => {
    const text = realizeClinician("You said you're up until three.", 'Clinician', 'Client', 'report')
    expect(text).toMatch(/^Clinician noted that client said they are up until three/)
  })

  it('still turns an ordinary second-person statement to the third person', () => {
    expect(realizeClinician('You did the worksheet twice.', 'Clinician', 'Client', 'report')).toMatch(
      /^Client did the worksheet twice/,
    )
  })
})

describe('realizeReport', () => {
  it("attributes a client's first-person account to the client, never states it as fact", () => {
    expect(realizeReport("I'm a stepdad when it's convenient.", 'Graham', 'report')).toBe(
      "Graham reported being a stepdad when it's convenient.",
    )
    expect(realizeReport('I wake up at three.', 'Client', 'report')).toBe(
      'Client reported waking up at three.',
    )
  })

  it('quotes a sentence that says "you": whom it means is not for the note to guess', () => {
    expect(realizeReport('You grabbed him by his hoodie.', 'Adaeze', 'report')).toBe(
      'Adaeze said: "You grabbed him by his hoodie."',
    )
    expect(realizeReport('He said "you\'re not my dad" to me.', 'Client', 'report')).toBe(
      'Client reported he said "you\'re not my dad" to them.',
    )
  })
})

describe('realizeReport fragments', () => {
  it('quotes an answer that cannot follow "reported that"', () => {
    expect(realizeReport('Not once in eight years.', 'Graham', 'report')).toBe(
      'Graham said: "Not once in eight years."',
    )
    expect(realizeReport('Eleven on weekends.', 'Client', 'report')).toBe(
      'Client said: "Eleven on weekends."',
    )
    expect(realizeReport('The chemistry teacher hates him.', 'Client', 'report')).toBe(
      'Client reported the chemistry teacher hates him.',
    )
  })
})

describe('isFragment', () => {
  it('tells a clause from an answer that needs its question', () => {
    for (const fragment of [
      'The list. The injections.',
      'Maisie. She is seven.',
      'Six, six and a half.',
      'At night, in the recliner.',
    ])
      expect(isFragment(fragment), fragment).toBe(true)
    for (const clause of [
      'He calls every other day.',
      'The plan was three times out to the garage.',
      "They're still up at three.",
      'Gloria saw the two a.m. part.',
    ])
      expect(isFragment(clause), clause).toBe(false)
  })

  it("quotes a clinician's fragment rather than making it a sentence it is not", () => {
    expect(
      realizeClinician('The Scrap Heap story. It is on again.', 'Clinician', 'Client', 'intervention'),
    ).toBe('Clinician said: "The Scrap Heap story. It is on again."')
  })
})

describe('who "you" and "we" are', () => {
  it('quotes a client sentence that says "we" and a clinician speaking to several people', () => {
    expect(realizeReport('We got a real deadline.', 'Client', 'report')).toBe(
      'Client said: "We got a real deadline."',
    )
    expect(realizeClinician("You're both scared of losing him.", 'Clinician', 'Client', 'report')).toBe(
      'Clinician said: "You\'re both scared of losing him."',
    )
  })
})

describe('clauses that start with an adverb', () => {
  it('are rewritten, not quoted', () => {
    expect(isFragment('Maybe the relief you felt was a little bit of her readiness.')).toBe(false)
    expect(isFragment('At night, I sit in the recliner.')).toBe(false)
  })
})
