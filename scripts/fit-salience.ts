/**
 * Fits the embedded engine's salience model (src/core/drafting/salience.ts WEIGHTS).
 *
 * Each candidate unit of each sample session is labelled salient when it carries a gold fact,
 * intervention or plan keyword (the samples' keyword rule; an `also_any_of` keyword may come from
 * the neighbouring turns). A logistic regression with L2 regularisation is fitted on generic
 * features (rarity, numbers, clinical vocabulary, position, ...). Leave-one-session-out AUC shows
 * how well the weights carry to a session they were not fitted on; compare it with the all-zero
 * model. Run: npx tsx scripts/fit-salience.ts
 */

import { CONCEPT_FEATURES, conceptFeatureVectors } from '../src/core/drafting/concepts.js'
import type { NoteFormat } from '../src/core/drafting/draft.schema.js'
import { prepareUnits } from '../src/core/drafting/engine.js'
import { FEATURE_NAMES, featureVector } from '../src/core/drafting/salience.js'
import { sessionSentences } from '../src/core/drafting/sentences.js'
import { unitView } from '../src/core/drafting/units.js'
import { contentStems, extractNumbers } from '../src/core/text/index.js'
import { parseTranscript } from '../src/core/transcript/index.js'
import { keywordsPresent, loadSamples } from '../test/support/samples.js'
import { formatForService } from './eval/formats.js'

interface Row {
  sample: string
  x: number[]
  y: number
}

function rows(): Row[] {
  const out: Row[] = []
  for (const sample of loadSamples()) {
    const transcript = parseTranscript(sample.bytes)
    const format: NoteFormat = formatForService(sample.gold.session.service)
    const { units, df, stemIndex, concepts, asked } = prepareUnits(transcript, {
      format,
      member: sample.gold.group?.note_for,
    })
    const items = [...sample.gold.facts, ...sample.gold.plan, ...sample.gold.interventions]
    for (const unit of units) {
      if (sample.gold.format === 'dictation') continue
      // A unit is salient to the degree its note text carries a gold item: fully (both keyword
      // lists) or half (the topic keyword only, the detail coming from elsewhere in the note).
      let y = 0
      for (const item of items) {
        if (keywordsPresent(unit.text, item)) y = 1
        else if (keywordsPresent(unit.text, { any_of: item.any_of })) y = Math.max(y, 0.35)
      }
      out.push({ sample: sample.id, x: featureVector(unitView(unit, stemIndex, concepts, asked), df), y })
    }
  }
  return out
}

/** Concept rows: a concept is positive when a gold keyword of the session contains it. */
function conceptRows(): Row[] {
  const out: Row[] = []
  for (const sample of loadSamples()) {
    if (sample.gold.format === 'dictation') continue
    const transcript = parseTranscript(sample.bytes)
    const items = [...sample.gold.facts, ...sample.gold.plan, ...sample.gold.interventions]
    const gold = new Set<string>()
    for (const item of items)
      for (const k of [...item.any_of, ...(item.also_any_of ?? [])]) {
        for (const st of contentStems(k)) gold.add(st)
        for (const m of extractNumbers(k)) gold.add(`#${m.value}`)
      }
    for (const [key, x] of conceptFeatureVectors(sessionSentences(transcript)))
      out.push({ sample: sample.id, x, y: gold.has(key) ? 1 : 0 })
  }
  return out
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}

/** L2-regularised logistic regression by Newton's method (a few dozen features: exact and fast). */
function fitLogistic(data: Row[], lambda = 1): number[] {
  const d = data[0]!.x.length
  let w = new Array<number>(d).fill(0)
  for (let iter = 0; iter < 25; iter++) {
    const grad = new Array<number>(d).fill(0)
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0))
    for (const { x, y } of data) {
      const p = sigmoid(x.reduce((z, xi, i) => z + xi * w[i]!, 0))
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - y) * x[i]!
        for (let j = 0; j < d; j++) hess[i]![j]! += p * (1 - p) * x[i]! * x[j]!
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += lambda * w[i]!
      hess[i]![i]! += lambda
    }
    hess[0]![0]! += 1e-6
    const step = solve(hess, grad)
    w = w.map((wi, i) => wi - step[i]!)
    if (Math.max(...step.map(Math.abs)) < 1e-6) break
  }
  return w
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length
  const m = a.map((row, i) => [...row, b[i]!])
  for (let c = 0; c < n; c++) {
    let pivot = c
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r
    ;[m[c], m[pivot]] = [m[pivot]!, m[c]!]
    const div = m[c]![c]! || 1e-12
    for (let k = c; k <= n; k++) m[c]![k]! /= div
    for (let r = 0; r < n; r++) {
      if (r === c) continue
      const f = m[r]![c]!
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!
    }
  }
  return m.map((row) => row[n]!)
}

function auc(scored: { s: number; y: number }[]): number {
  const pos = scored.filter((r) => r.y === 1).map((r) => r.s)
  const neg = scored.filter((r) => r.y === 0).map((r) => r.s)
  if (pos.length === 0 || neg.length === 0) return Number.NaN
  let wins = 0
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0
  return wins / (pos.length * neg.length)
}

function report(name: string, data: Row[], names: readonly string[]): void {
  const samples = [...new Set(data.map((r) => r.sample))]
  console.log(
    `\n${name}: ${data.length} rows, ${data.filter((r) => r.y === 1).length} positive, ${samples.length} sessions`,
  )
  const heldOut: number[] = []
  for (const s of samples) {
    const w = fitLogistic(data.filter((r) => r.sample !== s))
    const test = data.filter((r) => r.sample === s)
    const a = auc(test.map((r) => ({ s: r.x.reduce((z, xi, i) => z + xi * w[i]!, 0), y: r.y })))
    heldOut.push(a)
  }
  const valid = heldOut.filter((a) => !Number.isNaN(a))
  console.log(
    `leave-one-session-out AUC: ${(valid.reduce((x, y) => x + y, 0) / valid.length).toFixed(3)} (per session: ${heldOut.map((a) => a.toFixed(2)).join(' ')})`,
  )
  const w = fitLogistic(data)
  console.log(`\n${name} weights:\n[`)
  for (const [i, n] of names.entries()) console.log(`  ${w[i]!.toFixed(3)}, // ${n}`)
  console.log(']')
}

report('Unit salience (WEIGHTS)', rows(), FEATURE_NAMES)
report('Concept model (CONCEPT_WEIGHTS)', conceptRows(), CONCEPT_FEATURES)
