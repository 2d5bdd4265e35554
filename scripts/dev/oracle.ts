// Development aid for the embedded engine (not part of the product): see scripts/dev/README.md.

import { prepareUnits } from '../../src/core/drafting/engine.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { loadSamples } from '../../test/support/samples.js'
import { formatForService } from '../eval/formats.js'
import { itemPresent } from '../eval/notes.js'

let tot = 0,
  hit = 0
for (const s of loadSamples()) {
  if (s.id === 's10') continue
  const t = parseTranscript(s.bytes)
  const { units, budget, realize } = prepareUnits(t, {
    format: formatForService(s.gold.session.service),
    member: s.gold.group?.note_for,
  })
  for (const u of units) realize(u)
  const facts = s.gold.facts
  let text = ''
  let words = 0
  const val = (x: string) =>
    facts.reduce(
      (n, f) =>
        n +
        (itemPresent(x, f)
          ? 1
          : itemPresent(x, { any_of: f.any_of }) ||
              (f.also_any_of && itemPresent(x, { any_of: f.also_any_of }))
            ? 0.4
            : 0),
      0,
    )
  for (;;) {
    let best: (typeof units)[number] | undefined,
      bestGain = 0
    const base = val(text)
    for (const u of units.filter((u) =>
      process.env.SIDE === 'clin' ? u.clinicianSide : process.env.SIDE === 'client' ? !u.clinicianSide : true,
    )) {
      if (words + u.words > budget) continue
      const g = (val(`${text}\n${u.text}`) - base) / u.words
      if (g > bestGain) {
        bestGain = g
        best = u
      }
    }
    if (!best) break
    text += `\n${best.text}`
    words += best.words
  }
  const d = facts.filter((f) => itemPresent(text, f)).length
  tot += facts.length
  hit += d
  console.log(s.id, `oracle facts ${d}/${facts.length} in ${words} words (budget ${budget})`)
}
console.log('oracle recall', (hit / tot).toFixed(3))
