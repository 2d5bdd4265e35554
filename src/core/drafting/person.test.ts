import { describe, expect, it } from 'vitest'
import {
  conjugateThirdPerson,
  firstToThird,
  gerund,
  lowerFirst,
  secondToThird,
  selfReportAsGerund,
} from './person.js'
import { indirectQuestion } from './realize.js'

describe('person', () => {
  it('conjugates verbs for a third-person subject', () => {
    expect(
      ['wake', 'try', 'go', 'watch', 'have', 'can', 'slept', 'walked'].map(conjugateThirdPerson),
    ).toEqual(['wakes', 'tries', 'goes', 'watches', 'has', 'can', 'slept', 'walked'])
  })

  it('names the speaker first and uses singular they after, never a gender', () => {
    expect(
      firstToThird('I wake up at three when I roll over and my back hurts.', { name: 'Client' }).text,
    ).toBe('Client wakes up at three when they roll over and their back hurts.')
    expect(firstToThird("I'm not sleeping and I don't eat.", { name: 'Client' }).text).toBe(
      "Client is not sleeping and they don't eat.",
    )
  })

  it('leaves quoted speech word for word', () => {
    expect(firstToThird('He said "you\'re not my dad" to me.', { name: 'Client', named: true }).text).toBe(
      'He said "you\'re not my dad" to them.',
    )
  })

  it("rewrites a clinician's sentence about the client", () => {
    expect(secondToThird('I want you to try the stairs once a day.')).toBe(
      'Clinician wants client to try the stairs once a day.',
    )
    expect(secondToThird("You're going to rate it.")).toBe('Client is going to rate it.')
  })

  it('turns questions into indirect speech', () => {
    expect(indirectQuestion('Have you talked to Dr. Sato about the fogginess?', 'Client')).toBe(
      'whether client has talked to Dr. Sato about the fogginess',
    )
    expect(indirectQuestion("How's the pain today?", 'Client')).toBe('about the pain today')
    expect(indirectQuestion('Are there any guns in the house?', 'Client')).toBe(
      'whether there are any guns in the house',
    )
  })

  it('lower-cases a first word only when it is an ordinary word', () => {
    expect(lowerFirst('The panic attacks.')).toBe('the panic attacks.')
    expect(lowerFirst('Thursday at two.')).toBe('Thursday at two.')
    expect(lowerFirst('Gus called.')).toBe('Gus called.')
  })
})

describe('selfReportAsGerund', () => {
  it('reports a first-person sentence without a subject where the -ing form says it', () => {
    expect(selfReportAsGerund("I'm not sleeping and I don't eat.")).toBe("not sleeping and they don't eat.")
    expect(selfReportAsGerund("I'm a stepdad when it's convenient.")).toBe(
      "being a stepdad when it's convenient.",
    )
    expect(selfReportAsGerund('I wake up at three when my back hurts.')).toBe(
      'waking up at three when their back hurts.',
    )
    expect(selfReportAsGerund("I don't go out anymore.")).toBe('not going out anymore.')
    expect(selfReportAsGerund('I just sit there.')).toBe('just sitting there.')
    expect(selfReportAsGerund('I probably go twice a week.')).toBe('probably going twice a week.')
  })

  it('keeps the subject where tense or modality would be lost', () => {
    for (const s of [
      "I still can't sleep in the bed.",
      'I went once.',
      'I think he hates me.',
      'I have two kids.',
      'I finally went to the store.',
    ])
      expect(selfReportAsGerund(s), s).toBeUndefined()
  })

  it('forms the -ing of regular and doubling verbs', () => {
    expect(['wake', 'sit', 'lie', 'see', 'go', 'try', 'be', 'feel'].map(gerund)).toEqual([
      'waking',
      'sitting',
      'lying',
      'seeing',
      'going',
      'trying',
      'being',
      'feeling',
    ])
  })
})
