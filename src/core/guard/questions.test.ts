import { describe, expect, it } from 'vitest'
import { prepareUtterance } from './prepare.js'
import { readAnswer, readQuestion } from './questions.js'
import { dialogue } from './test-helpers.js'

function question(text: string, before: string[] = []) {
  const lines = [...before, `T: ${text}`]
  const prepared = dialogue(...lines).map((u, i) => prepareUtterance(u, i, u.role === 'clinician'))
  const last = prepared[prepared.length - 1]!
  return readQuestion(last, new Set(), prepared.slice(0, -1), 'individual')
}

function answer(text: string) {
  const [u] = dialogue(`C: ${text}`)
  return readAnswer(prepareUtterance(u!, 0, false))?.polarity
}

describe('reading a clinician’s risk question', () => {
  it.each([
    ['Any thoughts of killing yourself?', ['suicidal_ideation']],
    ['Are you having any thoughts of suicide, or of ending your life?', ['suicidal_ideation']],
    [
      'Have you ever tried to hurt yourself or end your life?',
      ['self_harm', 'suicidal_ideation', 'suicide_attempt'],
    ],
    ['Do you have any wish or intention to hurt Dolores, or anyone else?', ['homicidal_ideation']],
    ['Are there any firearms where you live?', ['access_to_means']],
    ['Do you have guns at home?', ['access_to_means']],
    ['Were you alone when you used?', ['overdose_risk']],
  ])('"%s" asks about %j', (text, categories) => {
    expect([...(question(text)?.categories ?? [])].sort()).toEqual([...categories].sort())
  })

  it('reads the standard screening item (better off dead, or hurting yourself) as a suicide question', () => {
    const q = question('Any thoughts of hurting yourself, or thoughts that you would be better off dead?')
    expect(q?.categories.has('suicidal_ideation')).toBe(true)
  })

  it('drops the subordinate clause a question presupposes', () => {
    const q = question(
      "When you think it would be all right if you didn't wake up, have you had thoughts of ending your life?",
    )
    expect([...(q?.categories ?? [])]).toEqual(['suicidal_ideation'])
  })

  it('finds the topic of a short question in the turn’s other sentences', () => {
    const q = question('Okay. What about medications? Sometimes there are medicines left in the house.')
    expect([...(q?.categories ?? [])]).toEqual(['access_to_means'])
  })

  it('is not a question when it is quoted or an instruction', () => {
    expect(question('I said, "Have you thought about killing yourself?" and he laughed.')).toBeUndefined()
    expect(question('Ask him directly whether he has a gun at home?')).toBeUndefined()
  })
})

describe('reading a yes or a no', () => {
  it.each([
    ['No. No, nothing like that.', 'denied'],
    ['Oh my god. No. No. It’s just a thing people say.', 'denied'],
    ['Never. Not once.', 'denied'],
    ['Nope.', 'denied'],
    ['I don’t think so.', 'denied'],
    ['Yeah, no, not really.', 'denied'],
    ['Yeah. By myself.', 'positive'],
    ['Oh. Yes. There is some in the closet.', 'positive'],
    ['Sometimes.', 'positive'],
    ['Not as much. Maybe once this week.', 'positive'],
    ['I do.', 'positive'],
    ['My husband has a few.', 'positive'],
  ])('"%s" → %s', (text, polarity) => {
    expect(answer(text)).toBe(polarity)
  })

  it.each(['Then I’d call you.', 'How long is this going to take?', 'Like a list?'])(
    '"%s" is neither',
    (text) => {
      expect(answer(text)).toBeUndefined()
    },
  )
})
