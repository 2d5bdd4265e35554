/**
 * Intervention detection against expert labels: AnnoMI (Wu et al., 2022/2023; public domain),
 * even-numbered transcripts in ../shared/corpora/annomi. Each therapist utterance is labelled by
 * one or more annotators with `question_exists` and `reflection_exists`; where several annotators
 * labelled one utterance the majority counts. Sidenote's classifier sees the utterance and the
 * client's turn before it. Run: npx tsx scripts/eval/annomi.ts
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { classifyTherapistActs } from '../../src/core/interventions/index.js'
import { CORPORA_DIR } from '../../test/support/samples.js'
import { parseCsv } from './risk.js'

export interface BinaryScore {
  precision: number
  recall: number
  f1: number
  support: number
}

export interface AnnomiResult {
  utterances: number
  question: BinaryScore
  reflection: BinaryScore
}

function score(pairs: { predicted: boolean; gold: boolean }[]): BinaryScore {
  const tp = pairs.filter((p) => p.predicted && p.gold).length
  const fp = pairs.filter((p) => p.predicted && !p.gold).length
  const fn = pairs.filter((p) => !p.predicted && p.gold).length
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn)
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    support: tp + fn,
  }
}

export function evaluateAnnomi(path = join(CORPORA_DIR, 'annomi', 'AnnoMI-full-even.csv')): AnnomiResult {
  const [header, ...rows] = parseCsv(readFileSync(path, 'utf8'))
  const col = (name: string) => header!.indexOf(name)
  const [tid, uid, who, text, q, r] = [
    'transcript_id',
    'utterance_id',
    'interlocutor',
    'utterance_text',
    'question_exists',
    'reflection_exists',
  ].map(col) as [number, number, number, number, number, number]
  // Majority label per utterance (several annotators labelled some transcripts).
  const byUtterance = new Map<string, { row: string[]; q: number; r: number; n: number }>()
  for (const row of rows) {
    if (row.length < header!.length) continue
    const key = `${row[tid]}:${row[uid]}`
    const entry = byUtterance.get(key) ?? { row, q: 0, r: 0, n: 0 }
    entry.n++
    if (row[q] === 'True') entry.q++
    if (row[r] === 'True') entry.r++
    byUtterance.set(key, entry)
  }
  const ordered = [...byUtterance.values()].sort(
    (a, b) => Number(a.row[tid]) - Number(b.row[tid]) || Number(a.row[uid]) - Number(b.row[uid]),
  )
  const qPairs: { predicted: boolean; gold: boolean }[] = []
  const rPairs: { predicted: boolean; gold: boolean }[] = []
  let previousClient = ''
  let previousTranscript = ''
  for (const { row, q: qv, r: rv, n } of ordered) {
    if (row[tid] !== previousTranscript) {
      previousClient = ''
      previousTranscript = row[tid]!
    }
    if (row[who] === 'client') {
      previousClient = row[text]!
      continue
    }
    const acts = classifyTherapistActs(row[text]!, previousClient)
    qPairs.push({ predicted: acts.question, gold: qv * 2 > n })
    rPairs.push({ predicted: acts.reflection, gold: rv * 2 > n })
  }
  return { utterances: qPairs.length, question: score(qPairs), reflection: score(rPairs) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = evaluateAnnomi()
  const f = (s: BinaryScore) =>
    `precision ${s.precision.toFixed(3)}  recall ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}  (n=${s.support})`
  console.log(`AnnoMI therapist utterances: ${result.utterances}`)
  console.log(`  questions:   ${f(result.question)}`)
  console.log(`  reflections: ${f(result.reflection)}`)
}
