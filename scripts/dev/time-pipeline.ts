// Development aid (not part of the product): time parse, risk detection, the embedded engine and the
// verifier on each sample (mean of N runs after a warm-up), and the pipeline's words per second.
// Run: npx tsx scripts/dev/time-pipeline.ts [N]

import { draftWithEmbeddedEngine } from '../../src/core/drafting/engine.js'
import { verifyDraft } from '../../src/core/grounding/index.js'
import { detectRisk } from '../../src/core/guard/index.js'
import { countWords } from '../../src/core/text/index.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { loadSamples } from '../../test/support/samples.js'
import { formatForService } from '../eval/formats.js'

const runs = Number(process.argv[2] ?? 10)
const samples = loadSamples()
// Warm-up: word tables, regexes and the JIT.
for (const s of samples)
  draftWithEmbeddedEngine(parseTranscript(s.bytes), { format: formatForService(s.gold.session.service) })

const time = <T>(f: () => T): [T, number] => {
  let out: T | undefined
  const start = performance.now()
  for (let i = 0; i < runs; i++) out = f()
  return [out!, (performance.now() - start) / runs]
}
const totals = { words: 0, parse: 0, risk: 0, engine: 0, verify: 0 }
for (const s of samples) {
  const member = s.gold.group?.note_for
  const [transcript, parse] = time(() => parseTranscript(s.bytes))
  const [riskFlags, risk] = time(() => detectRisk(transcript.utterances, member ? { focus: member } : {}))
  const options = {
    format: formatForService(s.gold.session.service),
    ...(member ? { member } : {}),
    riskFlags,
  }
  const [draft, engine] = time(() => draftWithEmbeddedEngine(transcript, options))
  const [, verify] = time(() =>
    verifyDraft(draft, transcript, { riskFlags: draft.flags, ...(member ? { clientLabels: [member] } : {}) }),
  )
  const words = transcript.utterances.reduce((n, u) => n + countWords(u.text), 0)
  Object.assign(totals, {
    words: totals.words + words,
    parse: totals.parse + parse,
    risk: totals.risk + risk,
    engine: totals.engine + engine,
    verify: totals.verify + verify,
  })
  console.log(
    `${s.id} ${String(words).padStart(5)} words  parse ${parse.toFixed(1)} ms  risk ${risk.toFixed(1)} ms  engine ${engine.toFixed(1)} ms  verify ${verify.toFixed(1)} ms`,
  )
}
const rate = (ms: number) => Math.round(totals.words / (ms / 1000))
console.log(
  `all: parse+engine+verify ${rate(totals.parse + totals.engine + totals.verify)} words/s; with risk detection ${rate(totals.parse + totals.risk + totals.engine + totals.verify)} words/s`,
)
