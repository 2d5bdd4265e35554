/**
 * Fits the embedded engine's two models and validates them leave-one-session-out.
 *
 * - Concept model (src/core/drafting/concepts.ts CONCEPT_WEIGHTS): a stem or number of a session is
 *   positive when a gold fact, intervention or plan keyword of that session contains it.
 * - Unit model (src/core/drafting/salience.ts WEIGHTS): a candidate unit is positive when its
 *   statement carries a gold item (both keyword lists; 0.35 for the topic keyword alone).
 *
 * Both are L2-regularised logistic regressions on generic features (no sample-specific words).
 * Validation: for each session, both models are fitted on the other sessions only, the held-out
 * session is drafted with them, and its fact / intervention / plan recall is measured, next to the
 * same figures with the models fitted on all sessions (in-sample). AUCs are reported the same way.
 *
 * Run: npx tsx scripts/fit-salience.ts [--quick] [--facts-only] [--tune] [--curve] [--aci[=WEIGHT]]
 *   --quick: weights only, no held-out drafting; --facts-only: label from gold facts alone;
 *   --curve: held-out recall also at word budgets ×0.8 … ×1.2 of the engine's, and its mean (a
 *   change that says the same in fewer words moves the whole curve; one budget moves by ±2 facts
 *   per session with any change).
 */

import { CONCEPT_FEATURES, CONCEPT_WEIGHTS, conceptFeatureVectors } from '../src/core/drafting/concepts.js'
import type { NoteFormat } from '../src/core/drafting/draft.schema.js'
import {
  DEFAULT_TUNING,
  draftWithEmbeddedEngine,
  type EmbeddedDraftOptions,
  prepareUnits,
  type SelectionTuning,
  wordBudget,
} from '../src/core/drafting/engine.js'
import { FEATURE_NAMES, featureVector, WEIGHTS } from '../src/core/drafting/salience.js'
import { sessionSentences } from '../src/core/drafting/sentences.js'
import { unitView } from '../src/core/drafting/units.js'
import { detectRisk } from '../src/core/guard/index.js'
import { contentStems, countWords, extractNumbers } from '../src/core/text/index.js'
import { parseTranscript } from '../src/core/transcript/index.js'
import type { Transcript } from '../src/core/transcript/utterance.js'
import { loadSamples, type Sample } from '../test/support/samples.js'
import { aciEncounters } from './dev/aci.js'
import { formatForService } from './eval/formats.js'
import { itemPresent, noteText } from './eval/notes.js'

interface Row {
  sample: string
  x: number[]
  y: number
  /** Weight of the row in the fit (1 unless given). */
  w?: number
}

interface Case {
  sample: Sample
  transcript: Transcript
  options: EmbeddedDraftOptions
  /** The engine's word budget for the session. */
  budget: number
}

const cases: Case[] = loadSamples().map((sample) => {
  const transcript = parseTranscript(sample.bytes)
  const format: NoteFormat = formatForService(sample.gold.session.service)
  const member = sample.gold.group?.note_for
  return {
    sample,
    transcript,
    options: {
      format,
      ...(member ? { member } : {}),
      riskFlags: detectRisk(transcript.utterances, member ? { focus: member } : {}),
    },
    budget: wordBudget(
      format,
      transcript.minutes,
      transcript.utterances.reduce((n, u) => n + countWords(u.text), 0),
      transcript.format === 'dictation',
    ),
  }
})
// Dictation has no selection to learn (every dictated sentence is kept).
const learnable = cases.filter((c) => c.sample.gold.format !== 'dictation')

const factsOnly = process.argv.includes('--facts-only')

/** The gold items a model learns from: facts, interventions and plan items (or facts alone). */
function itemsOf(sample: Sample) {
  return factsOnly
    ? sample.gold.facts
    : [...sample.gold.facts, ...sample.gold.plan, ...sample.gold.interventions]
}

/** Concept rows: a concept is positive when a gold keyword of the session contains it. */
const conceptRowsByCase = new Map<Case, Row[]>(
  learnable.map((c) => {
    const gold = new Set<string>()
    for (const item of itemsOf(c.sample))
      for (const k of [...item.any_of, ...(item.also_any_of ?? [])]) {
        for (const st of contentStems(k)) gold.add(st)
        for (const m of extractNumbers(k)) gold.add(`#${m.value}`)
      }
    const rows: Row[] = []
    for (const [key, x] of conceptFeatureVectors(sessionSentences(c.transcript)))
      rows.push({ sample: c.sample.id, x, y: gold.has(key) ? 1 : 0 })
    return [c, rows]
  }),
)

/** Unit rows, with the unit features computed under the given concept weights. */
function unitRows(c: Case, conceptWeights: readonly number[]): Row[] {
  const prepared = prepareUnits(c.transcript, { ...c.options, conceptWeights })
  const items = itemsOf(c.sample)
  return prepared.units.map((unit) => {
    const x = featureVector(unitView(unit, prepared.asked), prepared.session)
    const text = prepared.realize(unit).text
    // A unit is salient to the degree its statement carries a gold item: fully (both keyword
    // lists) or partly (the topic keyword only, the detail coming from elsewhere in the note).
    let y = 0
    for (const item of items) {
      if (itemPresent(text, item)) y = 1
      else if (itemPresent(text, { any_of: item.any_of })) y = Math.max(y, 0.35)
    }
    return { sample: c.sample.id, x, y }
  })
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
    for (const { x, y, w: rw = 1 } of data) {
      const p = sigmoid(x.reduce((z, xi, i) => z + xi * w[i]!, 0))
      for (let i = 0; i < d; i++) {
        grad[i]! += rw * (p - y) * x[i]!
        for (let j = 0; j < d; j++) hess[i]![j]! += rw * p * (1 - p) * x[i]! * x[j]!
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

/** Area under the ROC curve; positives are rows with y ≥ 0.5. */
function auc(rows: Row[], w: readonly number[]): number {
  const score = (r: Row) => r.x.reduce((z, xi, i) => z + xi * (w[i] ?? 0), 0)
  const pos = rows.filter((r) => r.y >= 0.5).map(score)
  const neg = rows.filter((r) => r.y < 0.5).map(score)
  if (pos.length === 0 || neg.length === 0) return Number.NaN
  neg.sort((a, b) => a - b)
  let wins = 0
  for (const p of pos) {
    // Binary search for the negatives below p (ties count half).
    let lo = 0
    let hi = neg.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (neg[mid]! < p) lo = mid + 1
      else hi = mid
    }
    let eq = lo
    while (eq < neg.length && neg[eq] === p) eq++
    wins += lo + (eq - lo) / 2
  }
  return wins / (pos.length * neg.length)
}

function mean(xs: number[]): number {
  const valid = xs.filter((x) => !Number.isNaN(x))
  return valid.reduce((a, b) => a + b, 0) / valid.length
}

interface Recall {
  facts: [number, number]
  interventions: [number, number]
  plan: [number, number]
}

function recallOf(
  c: Case,
  weights: readonly number[],
  conceptWeights: readonly number[],
  tuning: Partial<SelectionTuning> = {},
  maxWords?: number,
): Recall {
  const draft = draftWithEmbeddedEngine(c.transcript, {
    ...c.options,
    weights,
    conceptWeights,
    tuning,
    ...(maxWords ? { maxWords } : {}),
  })
  const text = noteText(draft)
  const count = (items: { any_of: string[]; also_any_of?: string[] | undefined }[]): [number, number] => [
    items.filter((i) => itemPresent(text, i)).length,
    items.length,
  ]
  return {
    facts: count(c.sample.gold.facts),
    interventions: count(c.sample.gold.interventions),
    plan: count(c.sample.gold.plan),
  }
}

function summary(label: string, recalls: Recall[]): void {
  const total = (k: keyof Recall) => {
    const hit = recalls.reduce((n, r) => n + r[k][0], 0)
    const all = recalls.reduce((n, r) => n + r[k][1], 0)
    return (hit / all).toFixed(3)
  }
  console.log(
    `${label}: facts ${total('facts')}  interventions ${total('interventions')}  plan ${total('plan')}   (${recalls.map((r) => `${r.facts[0]}/${r.facts[1]}`).join(' ')})`,
  )
}

function printWeights(name: string, w: number[], names: readonly string[]): void {
  console.log(`\n${name}:\n[`)
  for (const [i, n] of names.entries()) console.log(`  ${w[i]!.toFixed(3)}, // ${n}`)
  console.log(']')
}

/**
 * With `--aci[=WEIGHT]`: the concept rows of ACI-Bench's training encounters (doctor-patient
 * dialogues; a concept is positive when the encounter's reference note carries it) join every fit,
 * each row weighted WEIGHT (default 0.5). The samples stay the only held-out test.
 */
const aciArg = process.argv.find((a) => a.startsWith('--aci'))
const aciWeight = aciArg ? Number(aciArg.split('=')[1] ?? 0.5) : 0
const aciRows: Row[] =
  aciWeight > 0
    ? aciEncounters('train.csv').flatMap(({ id, transcript, note }) => {
        const inNote = new Set([...contentStems(note), ...extractNumbers(note).map((m) => `#${m.value}`)])
        return [...conceptFeatureVectors(sessionSentences(transcript))].map(([key, x]) => ({
          sample: id,
          x,
          y: inNote.has(key) ? 1 : 0,
          w: aciWeight,
        }))
      })
    : []

const quick = process.argv.includes('--quick')
const allConceptRows = [...conceptRowsByCase.values()].flat()
const conceptAll = fitLogistic([...allConceptRows, ...aciRows])
const unitAllRows = learnable.flatMap((c) => unitRows(c, conceptAll))
const unitAll = fitLogistic(unitAllRows)
if (aciRows.length > 0)
  console.log(
    `ACI-Bench train concept rows ${aciRows.length} (${aciRows.filter((r) => r.y === 1).length} positive), weight ${aciWeight}`,
  )
console.log(
  `concept rows ${allConceptRows.length} (${allConceptRows.filter((r) => r.y === 1).length} positive); unit rows ${unitAllRows.length} (${unitAllRows.filter((r) => r.y >= 0.5).length} positive)`,
)
printWeights('CONCEPT_WEIGHTS', conceptAll, CONCEPT_FEATURES)
printWeights('WEIGHTS', unitAll, FEATURE_NAMES)

if (!quick) {
  /**
   * With `--tune`: the selection knob SHARE_KNOB is chosen per fold too: for each held-out session,
   * the value of SHARE_GRID with the most gold items recalled on the other sessions (drafted with
   * the fold's models) drafts the held-out one. The default comes first, so it wins ties.
   */
  const tune = process.argv.includes('--tune')
  const SHARE_GRID = [DEFAULT_TUNING.shareScale, 1, 0.75, 0.5, 0.25].filter((v, i, a) => a.indexOf(v) === i)
  const itemsHit = (r: Recall) => r.facts[0] + r.interventions[0] + r.plan[0]
  const curve = process.argv.includes('--curve')
  const SCALES = [0.8, 0.9, 1, 1.1, 1.2]
  const heldOutAt: Recall[][] = SCALES.map(() => [])
  const chosenKnobs: number[] = []
  const heldOut: Recall[] = []
  const inSample: Recall[] = []
  const shipped: Recall[] = []
  const conceptAuc: number[] = []
  const unitAuc: number[] = []
  for (const c of cases) {
    shipped.push(recallOf(c, WEIGHTS, CONCEPT_WEIGHTS))
    inSample.push(recallOf(c, unitAll, conceptAll))
    if (!learnable.includes(c)) {
      heldOut.push(inSample.at(-1)!)
      if (curve)
        for (const [k, f] of SCALES.entries())
          heldOutAt[k]!.push(recallOf(c, WEIGHTS, CONCEPT_WEIGHTS, {}, Math.round(c.budget * f)))
      continue
    }
    const others = learnable.filter((o) => o !== c)
    const cw = fitLogistic([...others.flatMap((o) => conceptRowsByCase.get(o)!), ...aciRows])
    const uw = fitLogistic(others.flatMap((o) => unitRows(o, cw)))
    conceptAuc.push(auc(conceptRowsByCase.get(c)!, cw))
    unitAuc.push(auc(unitRows(c, cw), uw))
    let shareScale = DEFAULT_TUNING.shareScale
    if (tune) {
      let bestHits = -1
      for (const v of SHARE_GRID) {
        const hits = others.reduce((n, o) => n + itemsHit(recallOf(o, uw, cw, { shareScale: v })), 0)
        if (hits > bestHits) {
          bestHits = hits
          shareScale = v
        }
      }
      chosenKnobs.push(shareScale)
    }
    heldOut.push(recallOf(c, uw, cw, { shareScale }))
    if (curve)
      for (const [k, f] of SCALES.entries())
        heldOutAt[k]!.push(recallOf(c, uw, cw, { shareScale }, Math.round(c.budget * f)))
  }
  console.log(
    `\nleave-one-session-out AUC: concepts ${mean(conceptAuc).toFixed(3)}, units ${mean(unitAuc).toFixed(3)}`,
  )
  summary('recall, shipped weights          ', shipped)
  summary('recall, fitted on all (in-sample)', inSample)
  summary('recall, leave-one-session-out    ', heldOut)
  if (curve) {
    for (const [k, f] of SCALES.entries())
      summary(`  held out, budget ×${f.toFixed(1)}         `, heldOutAt[k]!)
    const rate = (k: keyof Recall) =>
      (
        heldOutAt.reduce(
          (sum, rs) => sum + rs.reduce((n, r) => n + r[k][0], 0) / rs.reduce((n, r) => n + r[k][1], 0),
          0,
        ) / SCALES.length
      ).toFixed(3)
    console.log(
      `held out, mean over budgets ×0.8–×1.2: facts ${rate('facts')}  interventions ${rate('interventions')}  plan ${rate('plan')}`,
    )
  }
  if (tune)
    console.log(`share scale chosen per fold: ${chosenKnobs.join(' ')} (grid ${SHARE_GRID.join(', ')})`)
}
