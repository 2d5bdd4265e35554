import { describe, expect, it } from 'vitest'
import type { Draft, Statement } from '../drafting/draft.schema.js'
import { applyScopeGuard, scanStatement } from './index.js'
import { dialogue } from './test-helpers.js'

const utterances = dialogue(
  'C: I was diagnosed with bipolar disorder when I was twenty.',
  'C: Do I have OCD? Is that what this is?',
  'T: My impression is that this looks like generalized anxiety disorder.',
  'T: I want you to keep practicing the breathing every morning before work.',
  'C: I stopped taking my sertraline last month.',
  "T: I'd suggest we go up a bit on the escitalopram, from ten milligrams to fifteen.",
  'D: Impression: adjustment disorder, rule out alcohol use disorder.',
  'C: My anxiety has been bad since the move.',
  'C: My sister has OCD, so I know what that looks like.',
)
const context = { utterances }

function scan(text: string, evidence: string[]): string[] {
  return scanStatement({ text, evidence }, context).map((f) => f.kind)
}

describe('diagnoses', () => {
  it('allows a diagnosis the client reported when the statement attributes it to her', () => {
    expect(scan('Client reported being diagnosed with bipolar disorder at age 20.', ['u1'])).toEqual([])
  })

  it('flags the same diagnosis stated as a fact, and says how to fix it', () => {
    const [flag] = scanStatement({ text: 'Client has bipolar disorder.', evidence: ['u1'] }, context)
    expect(flag?.kind).toBe('scope.diagnosis')
    expect(flag?.note).toMatch(/client's report/)
  })

  it('never turns a client’s question about a diagnosis into one', () => {
    expect(scan('Client reported OCD symptoms.', ['u2'])).toEqual(['scope.diagnosis'])
    expect(scan('Client asked whether she might have OCD.', ['u2'])).toEqual([])
  })

  it('does not turn a diagnosis mentioned in passing about someone else into the client’s', () => {
    expect(scan('Client reported having OCD.', ['u9'])).toEqual(['scope.diagnosis'])
    expect(scan('Client has OCD.', ['u9'])).toEqual(['scope.diagnosis'])
    expect(scan('Client reported that her sister has OCD.', ['u9'])).toEqual([])
  })

  it('flags an invented diagnosis ("meets criteria for MDD")', () => {
    expect(scan('Client meets criteria for MDD.', ['u8'])).toEqual(['scope.diagnosis'])
  })

  it('allows a clinician-stated impression, abbreviations and variants included', () => {
    expect(scan("Clinician's impression: generalized anxiety disorder.", ['u3'])).toEqual([])
    expect(scan('Clinician’s impression: GAD.', ['u3'])).toEqual([])
  })

  it('keeps a rule-out a rule-out', () => {
    expect(scan('Impression: adjustment disorder; rule out alcohol use disorder.', ['u7'])).toEqual([])
    const [flag] = scanStatement({ text: 'Client has alcohol use disorder.', evidence: ['u7'] }, context)
    expect(flag?.note).toMatch(/tentative/)
  })

  it('allows a diagnosis the clinician entered (cited clinician input)', () => {
    const flags = scanStatement(
      { text: 'Diagnosis: generalized anxiety disorder (F41.1).', evidence: ['c1'] },
      {
        utterances,
        clinicianInput: [{ id: 'c1', text: 'F41.1 Generalized anxiety disorder', field: 'diagnosis' }],
      },
    )
    expect(flags).toEqual([])
  })

  it('does not read symptoms as diagnoses', () => {
    expect(scan('Client reported anxiety since the move.', ['u8'])).toEqual([])
  })
})

describe('diagnostic codes', () => {
  it('flags a code nobody stated', () => {
    expect(scan('Diagnosis: F41.1.', ['u3'])).toEqual(['scope.diagnostic_code'])
  })
})

describe('treatment recommendations and advice', () => {
  it('flags "client should increase sertraline" as both', () => {
    expect(scan('Client should increase sertraline.', ['u5']).sort()).toEqual([
      'scope.clinical_advice',
      'scope.treatment_recommendation',
    ])
  })

  it('allows the client’s own report of a medication change', () => {
    expect(scan('Client reported stopping sertraline last month.', ['u5'])).toEqual([])
  })

  it('allows a prescriber’s stated change, in other words', () => {
    expect(scan('Prescriber recommended increasing escitalopram from 10 mg to 15 mg.', ['u6'])).toEqual([])
  })

  it('flags a change in the other direction from the one stated', () => {
    expect(scan('Prescriber will decrease escitalopram.', ['u6'])).toEqual(['scope.treatment_recommendation'])
  })

  it('allows advice the clinician gave; flags advice nobody gave', () => {
    expect(scan('Client should practice breathing every morning.', ['u4'])).toEqual([])
    expect(scan('Client should start journaling daily.', ['u4'])).toEqual(['scope.clinical_advice'])
    expect(scan('It is advised that client limit caffeine.', ['u4'])).toEqual(['scope.clinical_advice'])
  })

  it('flags referrals and levels of care nobody made', () => {
    expect(scan('Client was referred to a psychiatrist.', ['u3'])).toEqual(['scope.treatment_recommendation'])
    expect(scan('Recommend IOP.', ['u3'])).toEqual(['scope.treatment_recommendation'])
  })

  it('flags a statement with no evidence at all', () => {
    expect(scan('Client should increase sertraline.', [])).not.toEqual([])
  })
})

describe('applyScopeGuard', () => {
  const statements: Statement[] = [
    { text: 'Client reported being diagnosed with bipolar disorder at age 20.', evidence: ['u1'] },
    { text: 'Client meets criteria for MDD.', evidence: ['u8'] },
    { text: 'Client should practice breathing every morning.', evidence: ['u4'] },
  ]
  const draft: Draft = {
    format: 'soap',
    engine: { name: 'test', version: '0' },
    transcript: { utterances: utterances.length, minutes: 50, speakers: [] },
    sections: [{ key: 'assessment', title: 'Assessment', statements }],
    flags: [{ kind: 'risk.suicidal_ideation', polarity: 'denied', evidence: ['u1'], excerpt: 'x' }],
    warnings: [],
  }

  it('remove: drops offending statements and reports them', () => {
    const result = applyScopeGuard(draft, context, 'remove')
    expect(result.draft.sections[0]?.statements.map((s) => s.text)).toEqual([
      statements[0]!.text,
      statements[2]!.text,
    ])
    expect(result.removed).toEqual([
      {
        section: 'assessment',
        text: 'Client meets criteria for MDD.',
        reason: expect.stringMatching(/major depressive/),
      },
    ])
    expect(result.draft.flags.map((f) => f.kind)).toEqual(['risk.suicidal_ideation'])
  })

  it('flag: keeps every statement and adds located flags to the draft', () => {
    const result = applyScopeGuard(draft, context, 'flag')
    expect(result.draft.sections[0]?.statements).toHaveLength(3)
    expect(result.flags).toEqual([
      expect.objectContaining({
        kind: 'scope.diagnosis',
        section: 'assessment',
        statement: 1,
        evidence: ['u8'],
      }),
    ])
    expect(result.draft.flags.map((f) => f.kind)).toEqual(['risk.suicidal_ideation', 'scope.diagnosis'])
    expect(result.removed).toEqual([])
  })

  it('does not change the draft it is given', () => {
    const before = JSON.stringify(draft)
    applyScopeGuard(draft, context, 'remove')
    applyScopeGuard(draft, context, 'flag')
    expect(JSON.stringify(draft)).toBe(before)
  })
})
