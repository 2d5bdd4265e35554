// Development aid for the embedded engine (not part of the product): see scripts/dev/README.md.
// Fact, intervention and plan recall of every sample at several word budgets (the engine's own
// budget times each scale), and their mean: one recall figure at a single budget moves by ±2 facts
// per sample with any change, the mean over budgets much less, so a change that says the same in
// fewer words shows as a curve moved up. Run: npx tsx scripts/dev/curve.ts [scales, e.g. 0.8,1,1.2]

import type { NoteFormat } from '../../src/core/drafting/draft.schema.js'
import { draftWithEmbeddedEngine, wordBudget } from '../../src/core/drafting/engine.js'
import { detectRisk } from '../../src/core/guard/index.js'
import { countWords } from '../../src/core/text/index.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { loadSamples } from '../../test/support/samples.js'
import { formatForService } from '../eval/formats.js'
import { itemPresent, noteText } from '../eval/notes.js'

const scales = (process.argv[2] ?? '0.7,0.8,0.9,1,1.1,1.2,1.3').split(',').map(Number)
const cases = loadSamples().map((sample) => {
  const transcript = parseTranscript(sample.bytes)
  const member = sample.gold.group?.note_for
  const format = formatForService(sample.gold.session.service) as NoteFormat
  let sourceWords = 0
  for (const u of transcript.utterances) sourceWords += countWords(u.text)
  const budget = wordBudget(format, transcript.minutes, sourceWords, transcript.format === 'dictation')
  const riskFlags = detectRisk(transcript.utterances, member ? { focus: member } : {})
  return { sample, transcript, member, format, budget, riskFlags }
})
const sums = { facts: 0, interventions: 0, plan: 0 }
for (const scale of scales) {
  const hit = { facts: 0, interventions: 0, plan: 0 }
  const all = { facts: 0, interventions: 0, plan: 0 }
  let words = 0
  for (const c of cases) {
    const draft = draftWithEmbeddedEngine(c.transcript, {
      format: c.format,
      ...(c.member ? { member: c.member } : {}),
      riskFlags: c.riskFlags,
      maxWords: Math.round(c.budget * scale),
    })
    const text = noteText(draft)
    words += countWords(text)
    for (const kind of ['facts', 'interventions', 'plan'] as const) {
      hit[kind] += c.sample.gold[kind].filter((item) => itemPresent(text, item)).length
      all[kind] += c.sample.gold[kind].length
    }
  }
  for (const kind of ['facts', 'interventions', 'plan'] as const) sums[kind] += hit[kind] / all[kind]
  console.log(
    `×${scale.toFixed(2)}  words/note ${Math.round(words / cases.length)}  facts ${(hit.facts / all.facts).toFixed(3)}  interventions ${(hit.interventions / all.interventions).toFixed(3)}  plan ${(hit.plan / all.plan).toFixed(3)}`,
  )
}
const n = scales.length
console.log(
  `mean over budgets: facts ${(sums.facts / n).toFixed(3)}  interventions ${(sums.interventions / n).toFixed(3)}  plan ${(sums.plan / n).toFixed(3)}`,
)
