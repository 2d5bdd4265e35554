import { describe, expect, it } from 'vitest'
import { evaluateRisk } from '../../../scripts/eval/risk.js'
import { loadSamples, samplesAvailable } from '../../../test/support/samples.js'

// The samples live outside the repository (../shared/samples) and are read in place, never copied.
const samples = samplesAvailable() ? loadSamples() : []

describe.skipIf(samples.length === 0)('risk flags on the gold samples (s01–s12)', () => {
  const result = evaluateRisk(samples)

  it('flags every gold positive (recall 1.0)', () => {
    expect(result.cases.flatMap((c) => c.missed.filter((m) => m.polarity === 'positive'))).toEqual([])
    expect(result.overall.positiveRecall).toBe(1)
  })

  it('records at least 95% of gold denials as denials', () => {
    expect(result.overall.deniedRecorded).toBeGreaterThanOrEqual(0.95)
  })

  it('raises no positive flag on any trap phrase', () => {
    expect(result.cases.flatMap((c) => c.trapHits)).toEqual([])
    expect(result.overall.trapFalsePositives).toBe(0)
  })

  it('names the gold category for most covered items', () => {
    expect(result.overall.categoryExact).toBeGreaterThanOrEqual(0.8)
  })
})
