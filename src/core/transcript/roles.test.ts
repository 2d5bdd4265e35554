import { describe, expect, it } from 'vitest'
import { parseTranscript } from './index.js'
import { readLabel } from './role-cues.js'

/** A plain-text transcript from [speaker, words] pairs. */
const txt = (turns: [string, string][]) => turns.map(([s, t]) => `${s}: ${t}`).join('\n\n')
const rolesOf = (text: string, options: Parameters<typeof parseTranscript>[1] = {}) =>
  Object.fromEntries(parseTranscript(text, options).speakers.map((s) => [s.label, s.role]))

describe('readLabel', () => {
  it.each([
    ['Dr. Ines Calloway', true, false],
    ['DR. LINDAHL', true, false],
    ['Hollis Barrett-Njoroge, LMFT', true, false],
    ['Sam Rivera LCSW', true, false],
    ['Pat Kim, MD', true, true],
    ['Lee Park, PMHNP', true, true],
    ['Obinna Hale (co-facilitator)', true, false],
    ['THERAPIST', true, false],
    ['Counselor 2', true, false],
    ['Psychiatrist', true, true],
    ['Noor Haddad (she/her)', false, false],
    ['Drew Smith', false, false],
    ["Loretta's iPad", false, false],
    ['CLIENT', false, false],
  ])('%s: clinician side %s, prescriber %s', (label, clinicianSide, prescriber) => {
    expect(readLabel(label)).toMatchObject({ clinicianSide, prescriber })
  })

  it('recognises device labels and their owner', () => {
    expect(readLabel("Loretta's iPad")).toMatchObject({ device: true, owner: 'Loretta' })
    expect(readLabel('Sefa’s Galaxy')).toMatchObject({ device: true, owner: 'Sefa' })
    expect(readLabel('iPhone (2)')).toMatchObject({ device: true })
    expect(readLabel('+1 555 0100 0199')).toMatchObject({ device: true })
  })

  it('reads role words as roles', () => {
    expect(readLabel('MOTHER').role).toBe('family')
    expect(readLabel('Patient').role).toBe('client')
    expect(readLabel('Supervisor').role).toBe('supervisor')
  })
})

describe('role inference', () => {
  const individual = txt([
    ['Morgan', 'Hi, come on in. How was the week?'],
    ['Riley', 'Long. Work was a lot.'],
    ['Morgan', 'What made it long? Tell me more about work.'],
    ['Riley', 'My manager keeps moving deadlines.'],
    ['Morgan', 'It sounds like that is wearing on you. How did you sleep?'],
    ['Riley', 'Badly. Maybe five hours.'],
    ['Morgan', "Okay. I'll see you next week."],
  ])

  it('takes the speaker who asks, reflects and opens as the clinician', () => {
    const t = parseTranscript(individual)
    expect(t.speakers.map((s) => [s.label, s.role, s.roleSource])).toEqual([
      ['Morgan', 'clinician', 'inferred'],
      ['Riley', 'client', 'inferred'],
    ])
    expect(t.speakers[0]!.reason).toMatch(/questions/)
  })

  it('never takes a device label for the clinician while someone else could be', () => {
    const text = txt([
      ["Kim's iPhone", 'Can you hear me? Is this working? Hello?'],
      ['Alex Moreno', 'Yes, I hear you.'],
      ["Kim's iPhone", 'Okay good. So, what do I do?'],
    ])
    expect(rolesOf(text)).toEqual({ "Kim's iPhone": 'client', 'Alex Moreno': 'clinician' })
  })

  it('makes three or more non-clinicians group members, and links a rejoin under a device label', () => {
    const text = txt([
      ['Dr. Wu', 'Welcome, everyone. Who wants to start?'],
      ['Ana Lima', 'I can.'],
      ['Ben Ode', 'Hi all.'],
      ['Cy Park', 'Hello.'],
      ['Dr. Wu', 'Ben, how was the week?'],
      ["Ben's Galaxy", 'Sorry, I dropped. I am back.'],
    ])
    const t = parseTranscript(text)
    const galaxy = t.speakers.find((s) => s.label === "Ben's Galaxy")!
    expect(rolesOf(text)).toEqual({
      'Dr. Wu': 'clinician',
      'Ana Lima': 'group-member',
      'Ben Ode': 'group-member',
      'Cy Park': 'group-member',
      "Ben's Galaxy": 'group-member',
    })
    expect(galaxy.sameAs).toBe('Ben Ode')
  })

  it('makes a late-joining parent family and keeps the first non-clinician as the client', () => {
    const early: [string, string][] = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? ['Jo Reyes', `How was school today, part ${i}?`]
        : ['Mia', `It was okay I guess, part ${i}.`],
    )
    const text = txt([
      ...early,
      ['Jo Reyes', 'Is it okay if I bring your mom in now?'],
      ['Mia', 'Fine.'],
      ['Dana Cole', 'Hi honey. Hi.'],
      ['Jo Reyes', 'Thanks for joining, Dana.'],
    ])
    const t = parseTranscript(text)
    expect(rolesOf(text)).toEqual({ 'Jo Reyes': 'clinician', Mia: 'client', 'Dana Cole': 'family' })
    expect(t.speakers.find((s) => s.label === 'Dana Cole')!.reason).toMatch(/joined late.*family terms/)
  })

  it('makes two relatives addressed together from the start a family session', () => {
    const text = txt([
      ['Sam Ito, LMFT', 'Hi, both of you. How has the week been with your son?'],
      ['Lee Grant', 'Hard.'],
      ['Kai Grant-Ruiz', 'Really hard.'],
      ['Sam Ito, LMFT', 'Tell me about it, you two.'],
    ])
    expect(rolesOf(text)).toEqual({
      'Sam Ito, LMFT': 'clinician',
      'Lee Grant': 'family',
      'Kai Grant-Ruiz': 'family',
    })
  })

  it('reads a supervision session from the header or from talk about own clients', () => {
    const body: [string, string][] = [
      ['Dr. Ade', 'How are you doing? What do you want to cover?'],
      ['Cas', 'My caseload is big. I keep saying yes to intakes.'],
      ['Dr. Ade', 'Tell me about the hardest one.'],
      ['Cas', 'One of my clients said something on Monday.'],
    ]
    expect(rolesOf(`Clinic - clinical supervision - audio\n\n${txt(body)}`)).toEqual({
      'Dr. Ade': 'supervisor',
      Cas: 'supervisee',
    })
    expect(rolesOf(txt(body))).toEqual({ 'Dr. Ade': 'supervisor', Cas: 'supervisee' })
  })

  it('makes a titled clinician who manages medication a prescriber, and honours the service hint', () => {
    const text = txt([
      ['Dr. Oz', 'How has the medication been? Any side effects at this dose?'],
      ['Jas', 'Some nausea at first.'],
      [
        'Dr. Oz',
        'We will raise the dose to fifteen milligrams, one and a half tablets. I will send the prescription to the pharmacy with refills.',
      ],
      ['Jas', 'Okay.'],
    ])
    expect(rolesOf(text)).toEqual({ 'Dr. Oz': 'prescriber', Jas: 'client' })
    expect(
      rolesOf(
        txt([
          ['Dr. Oz', 'How are you?'],
          ['Jas', 'Fine.'],
        ]),
        { service: 'med-management' },
      ),
    ).toEqual({
      'Dr. Oz': 'prescriber',
      Jas: 'client',
    })
  })

  it('uses service hints for family and group sessions', () => {
    const text = txt([
      ['Dr. Wu', 'How are you both?'],
      ['Ann', 'Okay.'],
      ['Bo', 'Fine.'],
    ])
    expect(rolesOf(text, { service: 'family-without-patient' })).toEqual({
      'Dr. Wu': 'clinician',
      Ann: 'family',
      Bo: 'family',
    })
    expect(rolesOf(text, { service: 'group' })).toEqual({
      'Dr. Wu': 'clinician',
      Ann: 'group-member',
      Bo: 'group-member',
    })
  })

  it('gives a doctor who is a client the client role when both labels carry titles', () => {
    const text = txt([
      ['Dr. Ames', 'How was the week? What happened at work?'],
      ['Dr. Bell', 'The hospital shifts were brutal.'],
      ['Dr. Ames', 'What helped?'],
      ['Dr. Bell', 'Running.'],
    ])
    expect(rolesOf(text)).toEqual({ 'Dr. Ames': 'clinician', 'Dr. Bell': 'client' })
  })

  it('lets given roles win and infers the rest around them', () => {
    const t = parseTranscript(individual, { roles: { Riley: 'clinician' } })
    expect(t.speakers.map((s) => [s.label, s.role, s.roleSource])).toEqual([
      ['Morgan', 'client', 'inferred'],
      ['Riley', 'clinician', 'given'],
    ])
  })

  it('marks a lone unlabelled speaker unknown rather than guessing', () => {
    expect(
      rolesOf(
        txt([
          ['Riley', 'Hello there.'],
          ['Riley', 'Anyone?'],
        ]),
        { format: 'txt' },
      ),
    ).toEqual({ Riley: 'unknown' })
  })
})
