import { describe, expect, it } from 'vitest'
import { analyseText } from './analyse.js'
import { checkQuotes } from './quotes.js'

const evidence = (...texts: string[]) => texts.map((t) => analyseText(t))

describe('checkQuotes', () => {
  it('accepts words quoted as said, fillers and stutters left out', () => {
    const said = evidence("Um, I, I don't want to die. I just, you know, want to sleep.")
    expect(checkQuotes('Client said: "I don\'t want to die."', said)).toEqual([])
    expect(checkQuotes('Client said: "I just want to sleep."', said)).toEqual([])
  })

  it('refuses a quote whose negation, number or words were changed', () => {
    const said = evidence("I didn't push him. At six or seven she's frantic.")
    expect(checkQuotes('Graham denied abuse ("I did push him.") when asked.', said)).toHaveLength(1)
    expect(checkQuotes('Clinician said: "At six or ten she\'s frantic."', said)).toHaveLength(1)
    // A negation in the utterance is never skipped over to make the quote fit.
    expect(checkQuotes('Client said: "I push him."', evidence("I don't push him."))).toHaveLength(1)
  })

  it('allows what the note supplies: "about" for a spoken "like", "another member" for a name', () => {
    expect(
      checkQuotes('Client said: "It was about four a week."', evidence('It was like four a week.')),
    ).toEqual([])
    expect(
      checkQuotes('Client said: "another member told me to breathe."', evidence('Priya told me to breathe.')),
    ).toEqual([])
  })

  it('ignores one-word quotes and statements without quotes', () => {
    expect(checkQuotes('Client said no "but".', evidence('No buts.'))).toEqual([])
    expect(checkQuotes('Client reported sleeping five hours.', evidence('I sleep five hours.'))).toEqual([])
  })
})
