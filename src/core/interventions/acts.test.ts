import { describe, expect, it } from 'vitest'
import { classifyTherapistActs } from './acts.js'

describe('classifyTherapistActs', () => {
  it('finds questions, including rising declaratives and "tell me" requests', () => {
    expect(classifyTherapistActs('How has your sleep been this week?').question).toBe(true)
    expect(classifyTherapistActs('So that is a big stress right now?').question).toBe(true)
    expect(classifyTherapistActs('Tell me more about the weekend.').question).toBe(true)
    expect(classifyTherapistActs('That makes sense.').question).toBe(false)
  })

  it('finds reflections by their stems or by restating the client', () => {
    expect(classifyTherapistActs('It sounds like the evenings are the hardest part.').reflection).toBe(true)
    expect(
      classifyTherapistActs(
        'So the appointments and the time off work.',
        'The appointments and taking time off work.',
      ).reflection,
    ).toBe(true)
    expect(
      classifyTherapistActs(
        'You have been drinking less since the move.',
        "I've been drinking less since we moved.",
      ).reflection,
    ).toBe(true)
    expect(classifyTherapistActs('What time do you usually go to bed?', 'I go to bed late.').reflection).toBe(
      false,
    )
  })
})
