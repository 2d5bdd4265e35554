// ACI-Bench (Yim et al., Scientific Data 2023, CC BY 4.0) read in place from ../shared/corpora:
// doctor-patient dialogues with their reference notes. Used by the development aids and, with
// `--aci`, as extra training sessions for the concept model in scripts/fit-salience.ts.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTranscript } from '../../src/core/transcript/index.js'
import type { Transcript } from '../../src/core/transcript/utterance.js'
import { CORPORA_DIR } from '../../test/support/samples.js'

/** Minimal CSV reader (quoted fields with doubled quotes and newlines). */
export function readCsv(path: string): Record<string, string>[] {
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
export function detokenize(s: string): string {
  return s
    .replace(/ n't\b/g, "n't")
    .replace(/ '(s|re|ve|ll|d|m)\b/g, "'$1")
    .replace(/\s+([,.?!;:])/g, '$1')
    .replace(/\bi\b/g, 'I')
}

/** The encounters of one ACI-Bench file as transcripts, each with its reference note. */
export function aciEncounters(file: string): { id: string; transcript: Transcript; note: string }[] {
  const out: { id: string; transcript: Transcript; note: string }[] = []
  for (const r of readCsv(join(CORPORA_DIR, 'aci-bench', file))) {
    const turns = r.dialogue!.split('\n').filter((l) => /^\[(doctor|patient)\]/.test(l))
    const txt = turns
      .map((l) => l.replace(/^\[doctor\]\s*/, 'DOCTOR: ').replace(/^\[patient\]\s*/, 'PATIENT: '))
      .map(detokenize)
      .join('\n\n')
    if (!txt.includes('PATIENT:') || !txt.includes('DOCTOR:')) continue
    let transcript: Transcript
    try {
      transcript = parseTranscript(txt, { roles: { DOCTOR: 'clinician', PATIENT: 'client' }, minutes: 20 })
    } catch {
      continue // a dialogue the importer rejects (it names the line); skipped, as the eval would
    }
    out.push({ id: `${file}:${r.encounter_id}`, transcript, note: r.note! })
  }
  return out
}
