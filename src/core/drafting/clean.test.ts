import { describe, expect, it } from 'vitest'
import { cleanSpeech, isBackchannel } from './clean.js'

describe('cleanSpeech', () => {
  it('drops fillers, stutters and leading discourse markers', () => {
    expect(cleanSpeech('So, um, I have, uh, I have an hour and a half on it.')).toBe(
      'I have an hour and a half on it.',
    )
    expect(cleanSpeech('Yeah, I kind of, I kind of froze.')).toBe('I froze.')
  })

  it('keeps negations and hedges that change meaning', () => {
    expect(cleanSpeech("Um, no, I don't think I'm okay, maybe.")).toBe("No, I don't think I'm okay, maybe.")
    expect(cleanSpeech('I guess it was not that bad.')).toBe('I guess it was not that bad.')
  })

  it('never collapses repeated number words (988 is "nine eight eight")', () => {
    expect(cleanSpeech('You can call nine eight eight any time.')).toBe(
      'You can call nine eight eight any time.',
    )
  })

  it('drops "see" as a discourse marker only, not the verb', () => {
    expect(cleanSpeech('See, I told her.')).toBe('I told her.')
    expect(cleanSpeech('See you next Thursday.')).toBe('See you next Thursday.')
  })

  it('reads "like" before an amount as an approximation', () => {
    expect(cleanSpeech('It was like four a week.')).toBe('It was about four a week.')
  })

  it('recognises sentences that carry nothing on their own', () => {
    expect(isBackchannel('Yeah. Okay.')).toBe(true)
    expect(isBackchannel('Mm-hmm')).toBe(true)
    expect(isBackchannel('Six and a half.')).toBe(false)
  })
})
