import { describe, expect, it } from 'vitest'
import { conjugateThirdPerson, firstToThird, lowerFirst, secondToThird } from './person.js'
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
