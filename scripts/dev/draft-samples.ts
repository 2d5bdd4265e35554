// Development aid for the embedded engine (not part of the product): see scripts/dev/README.md.

import { NoteFormat } from '../../src/core/drafting/draft.schema.js'
import { draftWithEmbeddedEngine } from '../../src/core/drafting/engine.js'
import { verifyDraft } from '../../src/core/grounding/index.js'
import { detectRisk } from '../../src/core/guard/index.js'
import { countWords } from '../../src/core/text/index.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { goldRegex, loadSamples } from '../../test/support/samples.js'
import { itemPresent } from '../eval/notes.js'

const only = process.argv[2]
const fmtFor: Record<string, string> = {
  individual: 'soap',
  'med-management': 'soap',
  'family-without-patient': 'family',
  'family-with-patient': 'family',
  group: 'group',
  intake: 'intake',
  supervision: 'supervision',
  crisis: 'soap',
}
let tf = 0,
  hf = 0,
  ti = 0,
  hi = 0,
  tp = 0,
  hp = 0
for (const s of loadSamples()) {
  if (only && only !== 'all' && s.id !== only) continue
  const t = parseTranscript(s.bytes)
  const format = NoteFormat.parse(process.argv[3] ?? fmtFor[s.gold.session.service])
  const d = draftWithEmbeddedEngine(t, {
    format,
    member: s.gold.group?.note_for,
    riskFlags: detectRisk(t.utterances, { focus: s.gold.group?.note_for }),
  })
  const text = d.sections.flatMap((x) => x.statements.map((st) => st.text)).join('\n')
  const verified = verifyDraft(d, t, {
    riskFlags: d.flags,
    ...(s.gold.group ? { clientLabels: [s.gold.group.note_for] } : {}),
  })
  const statements = verified.sections.flatMap((x) => x.statements)
  const unsupported = statements.filter((st) => st.status === 'unsupported')
  const words = countWords(text)
  const fr = s.gold.facts.map((f) => itemPresent(text, f))
  const ir = s.gold.interventions.map((f) => itemPresent(text, f))
  const pr = s.gold.plan.map((f) => itemPresent(text, f))
  tf += fr.length
  hf += fr.filter(Boolean).length
  ti += ir.length
  hi += ir.filter(Boolean).length
  tp += pr.length
  hp += pr.filter(Boolean).length
  const forb = s.gold.forbidden.flatMap((f) => f.patterns).filter((p) => goldRegex(p).test(text))
  console.log(
    `${s.id} ${format} words=${words} facts=${fr.filter(Boolean).length}/${fr.length} int=${ir.filter(Boolean).length}/${ir.length} plan=${pr.filter(Boolean).length}/${pr.length} forbidden=${forb.length} unsupported=${unsupported.length}/${statements.length} ${forb.join(' | ')}`,
  )
  if (only) {
    for (const sec of d.sections) {
      console.log(`## ${sec.title}`)
      for (const st of sec.statements) console.log(`- ${st.text} [${st.evidence}]`)
      if (sec.note) console.log(`  ${sec.note}`)
    }
    s.gold.facts.forEach((f, i) => {
      if (!fr[i]) console.log('  MISSING FACT:', f.fact)
    })
    s.gold.plan.forEach((f, i) => {
      if (!pr[i]) console.log('  MISSING PLAN:', f.item)
    })
    s.gold.interventions.forEach((f, i) => {
      if (!ir[i]) console.log('  MISSING INT:', f.name)
    })
  }
}
console.log(`TOTAL facts ${(hf / tf).toFixed(3)} int ${(hi / ti).toFixed(3)} plan ${(hp / tp).toFixed(3)}`)
