// Development aid (not part of the product): how much of ACI-Bench's reference notes a drafted note
// recalls, as content stems and numbers, next to a "lead" baseline of the same length (the
// encounter's first words). Reads ../shared/corpora/aci-bench (CC BY 4.0, Yim et al. 2023) in
// place; nothing is copied. Run: npx tsx scripts/dev/aci-recall.ts [engine module path] [words]

import { contentStems, countWords, extractNumbers } from '../../src/core/text/index.js'
import { aciEncounters } from './aci.js'

const enginePath = process.argv[2] ?? '../../src/core/drafting/engine.js'
const words = Number(process.argv[3] ?? 250)
const { draftWithEmbeddedEngine } = await import(enginePath)

const concepts = (text: string) =>
  new Set([...contentStems(text), ...extractNumbers(text).map((m) => `#${m.value}`)])

let hitEngine = 0
let hitLead = 0
let total = 0
let n = 0
for (const file of ['valid.csv', 'clinicalnlp_taskB_test1.csv']) {
  for (const { transcript, note: reference } of aciEncounters(file)) {
    const draft = draftWithEmbeddedEngine(transcript, { format: 'soap', maxWords: words })
    const note = draft.sections
      .flatMap((s: { statements: { text: string }[] }) => s.statements.map((st) => st.text))
      .join(' ')
    const spoken = transcript.utterances.map((u) => u.text).join(' ')
    const lead = spoken.split(/\s+/).slice(0, countWords(note)).join(' ')
    const ref = concepts(reference)
    const said = concepts(spoken)
    const reachable = [...ref].filter((c) => said.has(c))
    const inNote = concepts(note)
    const inLead = concepts(lead)
    hitEngine += reachable.filter((c) => inNote.has(c)).length
    hitLead += reachable.filter((c) => inLead.has(c)).length
    total += reachable.length
    n++
  }
}
console.log(
  `${n} encounters, ${words}-word notes: reference-note concepts recalled ${(hitEngine / total).toFixed(3)} (lead baseline ${(hitLead / total).toFixed(3)})`,
)
