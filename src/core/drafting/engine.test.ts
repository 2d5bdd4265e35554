import { describe, expect, it } from 'vitest'
import { parseTranscript } from '../transcript/index.js'
import type { Draft } from './draft.schema.js'
import { draftWithEmbeddedEngine, prepareUnits } from './engine.js'
import { NOT_ADDRESSED } from './formats.js'
import { voicesFor } from './voices.js'

const text = (draft: Draft) => draft.sections.flatMap((s) => s.statements.map((st) => st.text)).join('\n')

const INDIVIDUAL = `THERAPIST: How did the week go with the sleep log?

CLIENT: I filled it in five nights out of seven. I was waking at three most nights, then lying there until five.

THERAPIST: Five of seven, that's real effort. What woke you at three?

CLIENT: Worrying about the rent. It went up by two hundred dollars in March and my hours got cut at the bakery.

THERAPIST: Any urge to check your bank app at night?

CLIENT: Yes. So much. I check it in bed.

THERAPIST: Let's try a worry window at seven in the evening, fifteen minutes, and the phone stays in the kitchen overnight.

CLIENT: Okay. I can do the kitchen thing.

THERAPIST: Great. I'll see you next Tuesday at four.`

const GROUP = `FACILITATOR: Welcome back, everyone. Let's start with check-ins.

MARCUS: I had a rough week. I had a full panic attack on the train on Monday.

FACILITATOR: You used your breathing and it came down, and you stayed on the train.

TOBIAS: My week was okay. I used the worry window three times and my sleep went up to six hours.

FACILITATOR: Six hours is a change. What did you notice about the worry window?

TOBIAS: The worries at ten in the morning were gone by the evening.`

describe('draftWithEmbeddedEngine', () => {
  it('cites transcript utterances, fills empty sections with the note, and is deterministic', () => {
    const transcript = parseTranscript(INDIVIDUAL, {
      roles: { THERAPIST: 'clinician', CLIENT: 'client' },
      minutes: 50,
    })
    const draft = draftWithEmbeddedEngine(transcript, { format: 'soap' })
    const ids = new Set(transcript.utterances.map((u) => u.id))
    for (const section of draft.sections) {
      if (section.statements.length === 0) expect(section.note).toBe(NOT_ADDRESSED)
      for (const st of section.statements) {
        expect(st.evidence.length).toBeGreaterThan(0)
        for (const id of st.evidence) expect(ids.has(id)).toBe(true)
      }
    }
    expect(draftWithEmbeddedEngine(transcript, { format: 'soap' })).toEqual(draft)
    // The client's details survive in the third person; nothing is said in the first person.
    expect(text(draft)).toMatch(/two hundred dollars|five nights/)
    expect(text(draft)).not.toMatch(/\bI\b|\bmy\b/)
  })

  it('keeps the yes or no of a short answer when the backchannel sentence is dropped', () => {
    const transcript = parseTranscript(INDIVIDUAL, { roles: { THERAPIST: 'clinician', CLIENT: 'client' } })
    const { units, realize } = prepareUnits(transcript, { format: 'soap' })
    const answer = units.find((u) => u.question?.clean.includes('bank app'))
    expect(answer).toBeDefined()
    expect(realize(answer!).text).toMatch(/client said: yes\. So much\./)
  })

  it("writes a group member's note without other members' words or names", () => {
    const transcript = parseTranscript(GROUP, {
      roles: { FACILITATOR: 'clinician', MARCUS: 'group-member', TOBIAS: 'group-member' },
      minutes: 60,
    })
    const draft = draftWithEmbeddedEngine(transcript, { format: 'group', member: 'TOBIAS' })
    const note = text(draft)
    expect(note).not.toMatch(/marcus/i)
    // The facilitator's "you" addressed to the other member must not become "Client".
    expect(note).not.toMatch(/panic|train|breathing/i)
    expect(note).toMatch(/worry window|six hours/)
  })

  it('names a family member by first name when no other speaker shares it, by full label otherwise', () => {
    const transcript = parseTranscript(
      `Dr. Ames: What happened on Friday?

Dana Okafor-Smith: He came home after curfew.

Sam Lee: I waited up until one.

Sam Park: I was asleep.`,
      {
        roles: {
          'Dr. Ames': 'clinician',
          'Dana Okafor-Smith': 'family',
          'Sam Lee': 'family',
          'Sam Park': 'family',
        },
      },
    )
    const voices = voicesFor(transcript, 'family', undefined)
    expect(voices.nameOf('Dana Okafor-Smith')).toBe('Dana')
    expect(voices.nameOf('Sam Lee')).toBe('Sam Lee')
    expect(voices.nameOf('Sam Park')).toBe('Sam Park')
    const note = text(draftWithEmbeddedEngine(transcript, { format: 'family' }))
    expect(note).toMatch(/\bDana\b/)
    expect(note).not.toMatch(/Okafor-Smith/)
  })
})
