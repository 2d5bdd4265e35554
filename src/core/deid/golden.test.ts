import { describe, expect, it } from 'vitest'
import { loadSamples, samplesAvailable } from '../../../test/support/samples.js'
import { deidentify } from './index.js'

function boundary(s: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g')
}

// The 12 shared samples are read from ../shared/samples; they are never copied into the repository.
describe.skipIf(!samplesAvailable())('golden: the 12 gold samples', () => {
  for (const s of samplesAvailable() ? loadSamples() : []) {
    it(`${s.id}: no gold PHI left, no non-PHI scrubbed`, () => {
      const text = s.bytes.toString('utf8')
      const labels = Object.keys(s.gold.roles).filter((l) => l !== '*')
      const out = deidentify(text, { known: { names: labels } }).text
      const left = s.gold.phi.filter((p) => boundary(p.text).test(out)).map((p) => p.text)
      expect(left).toEqual([])
      const scrubbed = (s.gold.non_phi ?? []).filter(
        (np) => [...out.matchAll(boundary(np))].length < [...text.matchAll(boundary(np))].length,
      )
      expect(scrubbed).toEqual([])
    })
  }
})
