// Development aid (not part of the product): how much of ACI-Bench's reference notes a drafted note
// recalls, as content stems and numbers, next to a "lead" baseline of the same length (the
// encounter's first words). Reads ../shared/corpora/aci-bench (CC BY 4.0, Yim et al. 2023) in
// place; nothing is copied. Run: npx tsx scripts/dev/aci-recall.ts [engine module path] [words]

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { contentStems, countWords, extractNumbers } from '../../src/core/text/index.js'
import { parseTranscript } from '../../src/core/transcript/index.js'
import { CORPORA_DIR } from '../../test/support/samples.js'

const enginePath = process.argv[2] ?? '../../src/core/drafting/engine.js'
const words = Number(process.argv[3] ?? 250)
const { draftWithEmbeddedEngine } = await import(enginePath)

/** Minimal CSV reader (quoted fields with doubled quotes and newlines). */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8')
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else if (c !== '\r') field += c
  }
  if (field || row.length) {
    row.push(field)
    rows.push(row)
  }
  const [head, ...body] = rows
  return body
    .filter((r) => r.length === head!.length)
    .map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]!])))
}

/** ACI-Bench writes tokenized lower-case speech ("i do n't know , doctor ."); undo the spacing. */
function detokenize(s: string): string {
  return s
    .replace(/ n't\b/g, "n't")
    .replace(/ '(s|re|ve|ll|d|m)\b/g, "'$1")
    .replace(/\s+([,.?!;:])/g, '$1')
    .replace(/\bi\b/g, 'I')
}

const concepts = (text: string) =>
  new Set([...contentStems(text), ...extractNumbers(text).map((m) => `#${m.value}`)])

let hitEngine = 0
let hitLead = 0
let total = 0
let n = 0
for (const file of ['valid.csv', 'clinicalnlp_taskB_test1.csv']) {
  for (const r of readCsv(join(CORPORA_DIR, 'aci-bench', file))) {
    const turns = r.dialogue!.split('\n').filter((l) => /^\[(doctor|patient)\]/.test(l))
    const txt = turns
      .map((l) => l.replace(/^\[doctor\]\s*/, 'DOCTOR: ').replace(/^\[patient\]\s*/, 'PATIENT: '))
      .map(detokenize)
      .join('\n\n')
    if (!txt.includes('PATIENT:') || !txt.includes('DOCTOR:')) continue
    const transcript = parseTranscript(txt, {
      roles: { DOCTOR: 'clinician', PATIENT: 'client' },
      minutes: 20,
    })
    const draft = draftWithEmbeddedEngine(transcript, { format: 'soap', maxWords: words })
    const note = draft.sections
      .flatMap((s: { statements: { text: string }[] }) => s.statements.map((st) => st.text))
      .join(' ')
    const spoken = transcript.utterances.map((u) => u.text).join(' ')
    const lead = spoken.split(/\s+/).slice(0, countWords(note)).join(' ')
    const ref = concepts(r.note!)
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
