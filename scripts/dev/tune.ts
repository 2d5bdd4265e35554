// Development aid for the embedded engine (not part of the product): see scripts/dev/README.md.
// Fact, intervention and plan recall of every sample (judged as `npm run eval` judges) under
// selection knobs given as JSON ('{"shareScale":0.25}', plus "maxWords"); with --gold, concept
// weights come from the gold keywords (0.9, others 0.02): the ceiling of a perfect concept model.

import type { NoteFormat } from '../../src/core/drafting/draft.schema.js'
import { draftWithEmbeddedEngine, type EmbeddedDraftOptions } from '../../src/core/drafting/engine.js'
import { sessionSentences } from '../../src/core/drafting/sentences.js'
import { detectRisk } from '../../src/core/guard/index.js'
import { contentStems, countWords, extractNumbers } from '../../src/core/text/index.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { loadSamples } from '../../test/support/samples.js'
import { formatForService } from '../eval/formats.js'
import { itemPresent } from '../eval/notes.js'

const goldMode = process.argv.includes('--gold')
const tuning = JSON.parse(process.argv.find((a) => a.startsWith('{')) ?? '{}')
let F = 0,
  FT = 0,
  I = 0,
  IT = 0,
  P = 0,
  PT = 0
const per: string[] = []
for (const s of loadSamples()) {
  const t = parseTranscript(s.bytes)
  const member = s.gold.group?.note_for
  const options: EmbeddedDraftOptions = {
    format: formatForService(s.gold.session.service) as NoteFormat,
    ...(member ? { member } : {}),
    riskFlags: detectRisk(t.utterances, member ? { focus: member } : {}),
    tuning,
    ...(tuning.maxWords ? { maxWords: tuning.maxWords } : {}),
  }
  if (goldMode) {
    const gold = new Set<string>()
    for (const item of [...s.gold.facts, ...s.gold.plan, ...s.gold.interventions])
      for (const k of [...item.any_of, ...(item.also_any_of ?? [])]) {
        for (const st of contentStems(k)) gold.add(st)
        for (const m of extractNumbers(k)) gold.add(`#${m.value}`)
      }
    const o = new Map<string, number>()
    for (const x of sessionSentences(t)) for (const st of x.stems) o.set(st, gold.has(st) ? 0.9 : 0.02)
    options.conceptOverride = o
  }
  const d = draftWithEmbeddedEngine(t, options)
  const text = d.sections.flatMap((x) => x.statements.map((st) => st.text)).join('\n')
  const f = s.gold.facts.filter((i) => itemPresent(text, i)).length
  const i = s.gold.interventions.filter((x) => itemPresent(text, x)).length
  const p = s.gold.plan.filter((x) => itemPresent(text, x)).length
  F += f
  FT += s.gold.facts.length
  I += i
  IT += s.gold.interventions.length
  P += p
  PT += s.gold.plan.length
  per.push(`${s.id}:${f}/${s.gold.facts.length}(${countWords(text)})`)
}
console.log(
  `facts ${(F / FT).toFixed(3)} int ${(I / IT).toFixed(3)} plan ${(P / PT).toFixed(3)}  ${per.join(' ')}`,
)
