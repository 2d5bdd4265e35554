import { describe, expect, it } from 'vitest'
import type { Flag } from '../drafting/draft.schema.js'
import { detectRisk, type RiskCategory } from './index.js'
import { dialogue } from './test-helpers.js'

function flags(...lines: string[]): Flag[] {
  return detectRisk(dialogue(...lines))
}

function kinds(list: readonly Flag[], polarity: 'positive' | 'denied'): string[] {
  return list.filter((f) => f.polarity === polarity).map((f) => f.kind.replace('risk.', ''))
}

function positives(...lines: string[]): string[] {
  return kinds(flags(...lines), 'positive')
}

function denials(...lines: string[]): string[] {
  return kinds(flags(...lines), 'denied')
}

describe('risk statements in the client’s own words', () => {
  it.each<[string, RiskCategory]>([
    ["I've been thinking about killing myself.", 'suicidal_ideation'],
    ['Some days I just want it all to end.', 'suicidal_ideation'],
    ['Sometimes I wish I could just go to sleep and not wake up.', 'passive_death_wish'],
    ["Honestly, I'm not sure I want to be here anymore.", 'passive_death_wish'],
    ["I don't see the point in living anymore.", 'passive_death_wish'],
    ['Everyone would be better off without me.', 'burdensomeness'],
    ["I'm a burden to my family.", 'burdensomeness'],
    ["I've thought about taking all my pills.", 'suicide_plan'],
    ['I wrote a goodbye letter.', 'suicide_plan'],
    ['I attempted suicide in 2015.', 'suicide_attempt'],
    ['I cut myself last night.', 'self_harm'],
    ["I've been cutting again.", 'self_harm'],
    ['I want to kill my stepfather.', 'homicidal_ideation'],
    ['I keep picturing stabbing him.', 'homicidal_ideation'],
    ['I got into a fight at school and punched a kid.', 'violence'],
    ['My husband hits me when he drinks.', 'abuse'],
    ['My boyfriend threatened to kill me if I left.', 'abuse'],
    ['I keep thinking about driving my car into a tree.', 'suicidal_ideation'],
    ["I've been thinking everybody would be happier if I just disappeared.", 'burdensomeness'],
    ['I started hitting myself in the head when I get frustrated.', 'self_harm'],
    ['I have a gun in my nightstand.', 'access_to_means'],
    ["We keep my husband's hunting rifles in the garage.", 'access_to_means'],
    ['I relapsed on Saturday and used alone.', 'overdose_risk'],
    ['I drank a fifth of vodka last night.', 'substance_use'],
  ])('flags "%s" as %s', (text, category) => {
    expect(positives(`C: ${text}`)).toContain(category)
  })

  it('carries the evidence, an exact excerpt, the subject and a plain-language note', () => {
    const [f] = flags('C: Work was long. Sometimes I think about killing myself. Anyway.')
    expect(f).toMatchObject({
      kind: 'risk.suicidal_ideation',
      polarity: 'positive',
      evidence: ['u1'],
      excerpt: 'Sometimes I think about killing myself.',
      subject: 'client',
      speaker: 'C',
    })
    expect(f?.note).toMatch(/suicidal thoughts/)
  })
})

describe('negation and denial', () => {
  it.each([
    'I have never hurt myself.',
    "I'd never kill myself, I'm too scared.",
    "It's not like I want to die.",
    "I'm not like, cutting or whatever.",
    "I don't own a gun.",
    'There are no guns in the house.',
  ])('records "%s" as a denial, never a positive', (text) => {
    const list = flags(`C: ${text}`)
    expect(kinds(list, 'positive')).toEqual([])
    expect(kinds(list, 'denied').length).toBeGreaterThan(0)
  })

  it('keeps an expression whose negation is part of it positive', () => {
    expect(positives("C: Some nights I think it would be all right if I just didn't wake up.")).toContain(
      'passive_death_wish',
    )
    expect(positives("C: I don't want to be alive anymore.")).toContain('passive_death_wish')
  })

  it('does not let a negation of another verb deny the risk ("I didn\'t tell anyone that ...")', () => {
    expect(positives("C: I didn't tell anyone that I want to die.")).toContain('passive_death_wish')
  })

  it('treats "not going to lie" as no negation', () => {
    expect(positives("C: I'm not going to lie, I've thought about ending it.")).toContain('suicidal_ideation')
  })
})

describe('questions and answers', () => {
  it('turns a "no" to a direct risk question into a denial with both utterances as evidence', () => {
    const list = flags('T: Any thoughts of killing yourself?', 'C: No. No, nothing like that.')
    const si = list.find((f) => f.kind === 'risk.suicidal_ideation')
    expect(si).toMatchObject({ polarity: 'denied', evidence: ['u1', 'u2'], subject: 'client' })
    expect(si?.note).toMatch(/direct question/)
  })

  it('turns a "yes" into a positive finding', () => {
    expect(positives('T: Have you had any thoughts of suicide?', 'C: Yeah, sometimes.')).toContain(
      'suicidal_ideation',
    )
    expect(positives('T: Any thoughts of hurting yourself?', 'C: I mean... sometimes?')).toContain(
      'self_harm',
    )
    expect(positives('T: Do you have access to any guns?', 'C: My husband has a few.')).toContain(
      'access_to_means',
    )
  })

  it('reads an elliptical question from the talk before it ("By yourself?" after using)', () => {
    const list = flags(
      'T: When you used on Friday, where were you?',
      'C: In my car.',
      'T: By yourself?',
      'C: Yeah.',
    )
    expect(list.find((f) => f.kind === 'risk.overdose_risk')).toMatchObject({
      polarity: 'positive',
      evidence: ['u3', 'u4'],
    })
  })

  it('resolves "any plan?" and "any intention?" from the risk topic in play', () => {
    const list = flags(
      'T: Have you had thoughts of ending your life?',
      'C: Sometimes, yes.',
      'T: Any kind of plan?',
      'C: No. No plan.',
      'T: Any intention of acting on it?',
      'C: No.',
    )
    expect(kinds(list, 'denied')).toEqual(expect.arrayContaining(['suicide_plan', 'suicide_intent']))
    expect(kinds(list, 'positive')).toContain('suicidal_ideation')
  })

  it('does not deny what a subordinate clause of the question presupposes', () => {
    const list = flags(
      "C: Some nights I think it would be all right if I just didn't wake up.",
      "T: When you think it would be all right if you didn't wake up, have you had thoughts of ending your life?",
      'C: No. I would never do that.',
    )
    expect(kinds(list, 'positive')).toContain('passive_death_wish')
    expect(kinds(list, 'denied')).not.toContain('passive_death_wish')
    expect(kinds(list, 'denied')).toContain('suicidal_ideation')
  })

  it('reads a safety question the other way round ("Do you feel safe at home?" "Not really.")', () => {
    expect(positives('T: Do you feel safe at home?', 'C: Not really.')).toContain('abuse')
    expect(denials('T: Do you feel safe at home?', 'C: Yes, totally.')).toContain('abuse')
  })

  it('takes the speaker who asks the questions as the clinician when no roles are known', () => {
    const unknown = dialogue('X: Any thoughts of killing yourself?', 'Y: No, never.', 'X: Okay. And sleep?')
    expect(detectRisk(unknown)).toEqual([
      expect.objectContaining({ kind: 'risk.suicidal_ideation', polarity: 'denied', speaker: 'Y' }),
    ])
  })

  it('waits past a hesitation for the answer', () => {
    expect(flags('T: Any thoughts of suicide?', 'C: Hmm.', 'C: No, never.')[0]).toMatchObject({
      polarity: 'denied',
      evidence: ['u1', 'u3'],
    })
  })

  it('stops at a topic change: a reply that is no yes or no, or a new question first', () => {
    expect(flags('T: Any thoughts of suicide?', 'C: How long is this going to take?')).toEqual([])
    expect(flags('T: Any thoughts of suicide?', 'T: Actually, how did the week go?', 'C: Fine.')).toEqual([])
  })

  it('ignores a hypothetical safety-planning question', () => {
    expect(
      flags(
        'T: And if it ever did start going toward not wanting to be here, would you tell me? Deal?',
        'C: Deal. Yeah.',
      ),
    ).toEqual([])
  })

  it('ignores questions a supervisor tells a supervisee to ask', () => {
    const list = flags(
      'S: Ask him directly. Something like, "Have you thought about how you might do it? Have you followed her car?"',
      'E: Okay. Yeah.',
    )
    expect(kinds(list, 'positive')).toEqual([])
  })
})

describe('hypotheticals and ego-dystonic obsessions', () => {
  it.each([
    'What if I accidentally typed that I want to hurt her?',
    'And I thought, what if I accidentally typed that I want to hurt her. I felt sick.',
    "Maybe I wrote that I want to hurt her and I didn't see it.",
    "If I ever felt suicidal, I'd call you.",
    'If somebody says that they wanna beat me up, I just keep talking.',
  ])('raises no positive flag for "%s"', (text) => {
    expect(positives(`C: ${text}`)).toEqual([])
  })

  it('still reads the consequence of a condition ("if he touches her again I\'ll kill him")', () => {
    expect(positives("C: If he touches my sister again I'll kill him.")).toContain('homicidal_intent')
  })
})

describe('third parties and other people’s words', () => {
  it.each([
    'In the movie, the main character kills himself.',
    "My friend's brother killed himself last year.",
    'My cousin overdosed last summer.',
    'My sister told me she wants to die.',
    'I thought he was going to kill us all.',
    'He hit her with the gun. Or maybe he would have shot me.',
  ])('does not flag the client for "%s"', (text) => {
    expect(positives(`C: ${text}`)).toEqual([])
  })

  it('flags a supervisee’s client as a third party, including words quoted from him', () => {
    const list = flags(
      'S: Tell me about him.',
      'E: And he said, pretty calmly, "Sometimes I think about running her off the road." He has a hunting rifle at home.',
    )
    expect(list.filter((f) => f.polarity === 'positive').map((f) => [f.kind, f.subject])).toEqual([
      ['risk.homicidal_ideation', 'third-party'],
      ['risk.access_to_means', 'third-party'],
    ])
  })

  it('records a relayed denial as the third party’s ("he said, "I\'d never actually do it"")', () => {
    const list = flags(
      'S: Go on.',
      'E: I said, "Tell me more about that." And he said, "I want to hurt her. But I\'d never actually do it, I just think it."',
    )
    expect(list.find((f) => f.kind === 'risk.homicidal_intent')).toMatchObject({
      polarity: 'denied',
      subject: 'third-party',
    })
  })

  it('reads a question and answer the supervisee relays ("I asked if ... He said no")', () => {
    const list = flags(
      'S: Go on.',
      'E: I asked if he had ever done anything to hurt her. He said no, never physically.',
    )
    expect(list).toEqual([
      expect.objectContaining({
        kind: 'risk.violence',
        polarity: 'denied',
        subject: 'third-party',
        excerpt: 'He said no, never physically.',
      }),
    ])
  })

  it('takes the other partner in a couples session to be a client too', () => {
    const list = flags('T: How was the week?', 'C: He threw a plate at me on Sunday.', 'P: It slipped.')
    expect(list[0]).toMatchObject({ polarity: 'positive', subject: 'client' })
  })

  it('takes "he" in a family session without the patient to be the identified patient', () => {
    const list = flags('T: What happened next?', 'F: And then in the hallway he punched the wall.')
    expect(list[0]).toMatchObject({ kind: 'risk.violence', polarity: 'positive', subject: 'client' })
    expect(list[0]?.speaker).toBeUndefined()
  })

  it('reads a parent handling the child as abuse of the child', () => {
    const list = flags(
      'T: Go on.',
      'F: You grabbed him by his hoodie and pushed him back into the fridge.',
      'M: I did.',
    )
    expect(list[0]).toMatchObject({ kind: 'risk.abuse', subject: 'client' })
  })

  it('attributes another group member’s words to that member, not to the focus client', () => {
    const utterances = dialogue('G: I want to die sometimes.', 'H: Me too, honestly.')
    const list = detectRisk(utterances, { focus: 'H' })
    expect(list[0]).toMatchObject({ subject: 'group-member', speaker: 'G' })
  })
})

describe('idioms', () => {
  it.each([
    "I'm killing it at work.",
    'I could murder a burger right now.',
    'This back is killing me.',
    "I'd kill for eight hours of sleep.",
    'This parking garage is a death trap.',
    'I nearly died laughing.',
    "Hector's gonna kill me.",
    'My advisor is going to murder me.',
    "I'd literally rather die than sit in that cafeteria.",
    'I was dying to get out of that warehouse.',
    'I wanted to strangle the fax machine.',
    "It's a weapon.",
    'He was up till midnight with the hot glue gun.',
    'I know I’m killing myself with these cigarettes.',
    'That was career suicide.',
    'I was so embarrassed I wanted to die.',
    'I could just kill him for eating my leftovers.',
    'I beat myself up about it all week.',
    'I wanted to die when he said that in front of everyone.',
    'I nearly killed my sister when she borrowed my car.',
    'She’s a killer negotiator.',
    'The kids are going to be the death of me.',
    "I'm going to murder this exam.",
    'We have a BB gun for the squirrels.',
    'My dad took me hunting and I shot my first deer.',
    'I hit the gym and then hit rock bottom.',
  ])('raises nothing for "%s"', (text) => {
    expect(positives(`C: ${text}`)).toEqual([])
  })
})

describe('past and present', () => {
  it('keeps a past attempt as suicide-attempt history', () => {
    const f = flags('C: I tried to hang myself when I was sixteen.').find(
      (x) => x.kind === 'risk.suicide_attempt',
    )
    expect(f?.polarity).toBe('positive')
    expect(f?.note).toMatch(/history/)
  })

  it('counts only current or recent substance use', () => {
    expect(positives('C: I quit drinking three years ago.')).toEqual([])
    expect(positives('C: I used to smoke weed in college.')).toEqual([])
    expect(positives("C: I've been drinking way too much, like every night.")).toEqual(['substance_use'])
  })

  it('does not read a goal as use', () => {
    expect(positives('C: I would consider cutting back to two drinks a night.')).toEqual([])
  })

  it('lists substance use after every other finding', () => {
    const list = flags('C: I drank six beers last night.', 'C: And I keep thinking about killing myself.')
    expect(list.map((f) => f.kind)).toEqual(['risk.suicidal_ideation', 'risk.substance_use'])
  })
})

describe('dictation shorthand', () => {
  it('reads "Denies SI/HI, no hx suicide attempts or SIB, no firearms in home." as denials only', () => {
    const list = flags('D: Denies SI/HI, no hx suicide attempts or SIB, no firearms in home.')
    expect(kinds(list, 'positive')).toEqual([])
    expect(kinds(list, 'denied').sort()).toEqual(
      ['access_to_means', 'homicidal_ideation', 'self_harm', 'suicidal_ideation', 'suicide_attempt'].sort(),
    )
    expect(list.every((f) => f.subject === 'client')).toBe(true)
  })

  it.each([
    ['D: SI/HI: denied.', []],
    ['D: No SI/HI/AVH.', []],
    ['D: Pt endorses passive SI without plan or intent.', ['passive_death_wish', 'suicidal_ideation']],
    ['D: Endorses HI toward neighbor, no plan.', ['homicidal_ideation']],
    [
      'D: Pt denies current SI but reports passive death wish last week.',
      ['passive_death_wish', 'suicidal_ideation'],
    ],
  ])('%s → positives %j', (line, expected) => {
    expect(positives(line).sort()).toEqual([...expected].sort())
  })

  it('denies topic words in a dictated denial ("without plan or intent")', () => {
    expect(denials('D: Pt endorses passive SI without plan or intent.')).toEqual([
      'suicide_plan',
      'suicide_intent',
    ])
  })
})

describe('reported speech and quoted errors', () => {
  it.each([
    'The draft said she endorsed passive SI.',
    'And the tool turned it into "endorsed passive SI."',
    'The ER note said I was suicidal, but I was not.',
    'They come to me saying like, "Oh, did you really have to punch this girl."',
  ])('does not read "%s" as a finding', (text) => {
    expect(positives(`C: ${text}`)).toEqual([])
  })

  it('records the denial the quoted error contradicted', () => {
    const list = flags(
      'S: Go on.',
      "E: The draft said she endorsed passive SI. And she didn't. She said, \"I've never had those thoughts, I'd never.\"",
    )
    expect(kinds(list, 'positive')).toEqual([])
    expect(list.find((f) => f.polarity === 'denied')).toMatchObject({ subject: 'third-party' })
  })
})

describe('clinician talk', () => {
  it('does not turn a clinician’s reflection or psychoeducation into a finding', () => {
    expect(
      flags(
        'C: Hi.',
        'T: People who want to hurt someone don’t feel sick about it.',
        'T: You said everyone would be better off without you.',
      ),
    ).toEqual([])
  })
})
