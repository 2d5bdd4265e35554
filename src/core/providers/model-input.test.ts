import { describe, expect, it } from 'vitest'
import { buildTranscript } from '../grounding/test-helpers.js'
import type { DraftRequest } from './engine.js'
import { buildModelInput, deidentifyTexts, selectUtterances, speakerTags } from './model-input.js'

const session = buildTranscript([
  ['Dr. Ines Calloway', 'clinician', 'Good to see you, Marcus. How was the week at Harlow Logistics?'],
  ["Marcus's iPhone", 'client', 'Rough. My sister Dana called me on March 3rd and we argued again.'],
  ['Dr. Ines Calloway', 'clinician', 'Let us write down what Dana said and how you answered her.'],
])

function request(overrides: Partial<DraftRequest> = {}): DraftRequest {
  return {
    transcript: session,
    format: 'dap',
    riskFlags: [],
    data: { part2: false, part2ConsentCoversProvider: false },
    ...overrides,
  }
}

describe('speakerTags', () => {
  it('replaces labels with role tags, numbered only when a role has several speakers', () => {
    const t = buildTranscript([
      ['Ana Ruiz', 'family', 'hi'],
      ['Tom Ruiz', 'family', 'hi'],
      ['Dr. Lee', 'clinician', 'hi'],
    ])
    expect([...speakerTags(t, 'family')]).toEqual([
      ['Ana Ruiz', 'family member 1'],
      ['Tom Ruiz', 'family member 2'],
      ['Dr. Lee', 'clinician'],
    ])
  })

  it('tags the member a group note is for as the client and a relabelled speaker like its first label', () => {
    const t = buildTranscript([
      ['Kofi Mensah', 'group-member', 'hi'],
      ['Sefa', 'group-member', 'hi'],
      ['Kofi (phone)', 'group-member', 'back again'],
      ['Robin Hale', 'clinician', 'welcome'],
    ])
    t.speakers[2]!.sameAs = 'Kofi Mensah'
    const tags = speakerTags(t, 'group', 'Kofi Mensah')
    expect(tags.get('Kofi Mensah')).toBe('client')
    expect(tags.get('Kofi (phone)')).toBe('client')
    expect(tags.get('Sefa')).toBe('group member')
  })
})

describe('selectUtterances (minimum necessary)', () => {
  it('sends a group note only the facilitators and the member it is for', () => {
    const t = buildTranscript([
      ['Robin Hale', 'clinician', 'Who wants to start?'],
      ['Kofi Mensah', 'group-member', 'I will. My week was hard.'],
      ['Sefa Boateng', 'group-member', 'Mine was fine.'],
      ['Robin Hale', 'clinician', ''],
    ])
    expect(selectUtterances(t, 'group', 'Kofi Mensah').map((u) => u.id)).toEqual(['u1', 'u2'])
    expect(selectUtterances(t, 'dap').map((u) => u.id)).toEqual(['u1', 'u2', 'u3'])
  })
})

describe('buildModelInput', () => {
  it('sends role tags and de-identified text, keeps the map home and lists the citable ids', () => {
    const input = buildModelInput(
      request({ clinicianInput: [{ id: 'c1', text: 'Marcus agreed to a safety plan.', field: 'plan' }] }),
      true,
    )
    for (const name of ['Marcus', 'Ines', 'Calloway', 'Dana', 'Harlow', 'March 3rd', 'iPhone'])
      expect(input.text).not.toContain(name)
    expect(input.payload.utterances.map((u) => u.speaker)).toEqual(['clinician', 'client', 'clinician'])
    expect(input.payload.speakers).toEqual([
      { speaker: 'clinician', role: 'clinician' },
      { speaker: 'client', role: 'client' },
    ])
    expect(input.payload.clinicianInput[0]).toMatchObject({ id: 'c1', field: 'plan' })
    expect([...input.evidenceIds]).toEqual(['u1', 'u2', 'u3', 'c1'])
    expect(Object.values(input.map)).toEqual(expect.arrayContaining(['Marcus', 'Dana']))
    expect(input.text).not.toContain(JSON.stringify(input.map))
    expect(input.payload.sections.map((s) => s.key)).toEqual(['data', 'assessment', 'plan'])
    expect(input.payload.targetWords).toBeGreaterThan(0)
  })

  it('gives one identifier one placeholder in every utterance', () => {
    const input = buildModelInput(request(), true)
    const placeholderForDana = Object.entries(input.map).find(([, v]) => v === 'Dana')![0]
    expect(input.payload.utterances[1]!.text).toContain(placeholderForDana)
    expect(input.payload.utterances[2]!.text).toContain(placeholderForDana)
  })

  it('sends identified text only when told to (a practice-network provider so configured)', () => {
    const input = buildModelInput(request(), false)
    expect(input.text).toContain('Dana')
    expect(input.map).toEqual({})
    expect(input.text).not.toContain('Calloway')
  })
})

describe('deidentifyTexts', () => {
  it('cuts the de-identified document back into the texts it was made of', () => {
    const { texts, map } = deidentifyTexts(['Call me at 555-0134.', 'Dana lives on 12 Birch Road.'], {
      names: ['Dana'],
    })
    expect(texts).toHaveLength(2)
    expect(texts[0]).not.toContain('555-0134')
    expect(texts[1]).not.toMatch(/Dana|Birch/)
    expect(Object.values(map)).toContain('Dana')
  })
})
