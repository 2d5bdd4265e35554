import { describe, expect, it } from 'vitest'
import { suggestBilling } from './cpt.js'

describe('suggestBilling', () => {
  it.each([
    [15, []],
    [16, ['90832']],
    [37, ['90832']],
    [38, ['90834']],
    [52, ['90834']],
    [53, ['90837']],
    [90, ['90837']],
  ])('individual psychotherapy of %d minutes → %j', (minutes, codes) => {
    expect(suggestBilling({ service: 'individual', minutes }).suggested).toEqual(codes)
  })

  it('codes intake and group without regard to time', () => {
    expect(suggestBilling({ service: 'intake', minutes: 12 }).suggested).toEqual(['90791'])
    expect(suggestBilling({ service: 'group', minutes: 75 }).suggested).toEqual(['90853'])
  })

  it('tells family sessions with and without the patient apart and needs 26 minutes', () => {
    expect(suggestBilling({ service: 'family-without-patient', minutes: 50 }).suggested).toEqual(['90846'])
    expect(suggestBilling({ service: 'family-with-patient', minutes: 50 }).suggested).toEqual(['90847'])
    expect(suggestBilling({ service: 'family-with-patient', minutes: 25 }).suggested).toEqual([])
  })

  it('adds crisis units beyond 74 minutes only as add-ons', () => {
    const s = suggestBilling({ service: 'crisis', minutes: 110 })
    expect(s.suggested).toEqual(['90839'])
    expect(s.addOns.map((a) => a.code)).toEqual(['90840'])
    expect(suggestBilling({ service: 'crisis', minutes: 20 }).suggested).toEqual(['90832'])
  })

  it('never suggests a psychotherapy add-on on its own, and not under 16 minutes', () => {
    const s = suggestBilling({
      service: 'med-management',
      minutes: 25,
      psychotherapyMinutes: 15,
      prescriptionManagement: true,
    })
    expect(s.suggested).toEqual(['99214'])
    expect(s.addOns[0]?.note).toMatch(/below the 16-minute minimum/)
    const t = suggestBilling({ service: 'med-management', minutes: 45, psychotherapyMinutes: 20 })
    expect(t.suggested).toEqual(['99215'])
    expect(t.addOns.map((a) => a.code)).toEqual(['90833'])
  })

  it('suggests nothing for supervision or undocumented time, always with a rationale', () => {
    expect(suggestBilling({ service: 'supervision', minutes: 55 }).suggested).toEqual([])
    const none = suggestBilling({ service: 'individual', minutes: null })
    expect(none.suggested).toEqual([])
    expect(none.rationale).toMatch(/not documented/)
  })

  it('notes interactive complexity only as an add-on', () => {
    const s = suggestBilling({
      service: 'individual',
      minutes: 45,
      interactiveComplexityCues: ['mandated report discussed'],
    })
    expect(s.suggested).toEqual(['90834'])
    expect(s.addOns.map((a) => a.code)).toEqual(['90785'])
  })
})
