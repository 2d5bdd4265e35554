// Development aid for the embedded engine (not part of the product): see scripts/dev/README.md.

import { draftWithEmbeddedEngine, prepareUnits } from '../../src/core/drafting/engine.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { loadSamples } from '../../test/support/samples.js'
import { formatForService } from '../eval/formats.js'
import { itemPresent } from '../eval/notes.js'

const id = process.argv[2]!
const s = loadSamples().find((x) => x.id === id)!
const t = parseTranscript(s.bytes)
const opts = { format: formatForService(s.gold.session.service), member: s.gold.group?.note_for }
const { units, realize } = prepareUnits(t, opts)
for (const u of units) realize(u)
const d = draftWithEmbeddedEngine(t, opts)
const note = d.sections.flatMap((x) => x.statements.map((st) => st.text)).join('\n')
const ranked = [...units].sort((a, b) => b.score - a.score)
for (const f of s.gold.facts) {
  if (itemPresent(note, f)) continue
  const full = ranked.map((u, i) => ({ u, i })).filter(({ u }) => itemPresent(u.text, f))
  const anyOnly = ranked
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => itemPresent(u.text, { any_of: f.any_of }))
  console.log(
    `\nMISSING ${f.fact}\n  full units: ${full.length} best rank ${full[0]?.i} ; any_of units: ${anyOnly.length} best rank ${anyOnly[0]?.i}`,
  )
  for (const { u, i } of (full.length ? full : anyOnly).slice(0, 2))
    console.log(`   #${i} sal=${u.salience.toFixed(2)} w=${u.words} ${u.category}: ${u.text}`)
}
