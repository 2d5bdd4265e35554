import { describe, expect, it } from 'vitest'
import { indexEvidence } from './evidence.js'
import { buildTranscript, SESSION } from './test-helpers.js'
import { verifyStatement } from './verify.js'

const index = indexEvidence(buildTranscript(SESSION))
const verify = (text: string, ...evidence: string[]) => verifyStatement({ text, evidence }, index)

describe('medications', () => {
  it('accepts a medication its evidence names, by generic or brand name', () => {
    expect(verify('Client is still taking sertraline 50 mg every morning.', 'u5').status).toBe('supported')
    expect(verify('Client is still taking Zoloft 50 mg every morning.', 'u5').status).toBe('supported')
  })

  it('flags a medication named in the statement but not in its evidence', () => {
    const v = verify('Client is still taking lorazepam every morning.', 'u5')
    expect(v.reasons).toContain('medication lorazepam not in evidence')
    expect(v.support).toBeLessThanOrEqual(0.25)
  })

  it('accepts a medication class when the evidence names a medication, and flags it otherwise', () => {
    expect(verify('Client is still taking her antidepressant every morning.', 'u5').status).toBe('supported')
    expect(
      verify('Client reported taking a benzodiazepine to sleep four to five hours.', 'u2').reasons,
    ).toContain('medication class benzodiazepine not in evidence')
  })
})
