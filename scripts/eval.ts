/**
 * `npm run eval`: Sidenote's evaluation harness. Prints, per sample and overall, note quality
 * through the CLI contract (recall, forbidden content, CPT, evidence, words), risk flagging
 * (positive recall, trap false positives, denials recorded), the verifier's catch and false-alarm
 * rates on injected fabrications, intervention detection on AnnoMI, and de-identification
 * recall/precision. Reads ../shared (samples and corpora); writes nothing.
 */

import { loadSamples } from '../test/support/samples.js'
import { evaluateAnnomi } from './eval/annomi.js'
import { embeddedDraft, evaluateFabrication, loadFabricationSamples } from './eval/fabrication.js'
import { evaluateNote, type NoteCaseResult, rate } from './eval/notes.js'
import { evaluateRisk } from './eval/risk.js'
import { evalPresidio, evalSamples, printDeidReport, silently } from './eval-deid.js'

const pct = (x: number | null) => (x === null ? '  n/a' : `${(x * 100).toFixed(1).padStart(5)}%`)
const frac = ([a, b]: [number, number]) => `${a}/${b}`.padStart(6)

async function run(): Promise<void> {
  const samples = loadSamples()
  console.log(`Sidenote evaluation — ${samples.length} gold samples from ../shared/samples\n`)

  // Notes, through the CLI contract.
  const notes: NoteCaseResult[] = []
  for (const s of samples) notes.push(await evaluateNote(s))
  const risk = evaluateRisk(samples)
  console.log(
    'case  format        min  words  facts  interv   plan  forbid  CPT(sugg/exp)      evid  unsup  risk+  traps  denied',
  )
  for (const n of notes) {
    const r = risk.cases.find((c) => c.id === n.id)
    console.log(
      `${n.id}   ${n.format.padEnd(12)} ${String(n.minutes ?? '-').padStart(4)} ${String(n.words).padStart(6)} ${frac(n.facts)} ${frac(n.interventions)} ${frac(n.plan)} ${String(n.forbiddenHits.length).padStart(6)}  ${`${n.cpt.suggested ?? 'none'}/${n.cpt.expected ?? 'none'}`.padEnd(14)}${n.cpt.correct ? '✓' : '✗'} ${`${n.withEvidence}/${n.statements}`.padStart(7)} ${String(n.unsupported).padStart(5)} ${pct(r?.positiveRecall ?? null)} ${String(r?.trapFalsePositives ?? 0).padStart(5)} ${pct(r?.deniedRecorded ?? null)}`,
    )
    if (n.forbiddenHits.length > 0) console.log(`      forbidden: ${n.forbiddenHits.join(' | ')}`)
  }
  const fifty = notes.filter(
    (n) => n.minutes !== null && n.minutes >= 45 && n.minutes <= 55 && n.format !== 'group',
  )
  const statements = notes.reduce((a, n) => a + n.statements, 0)
  console.log('\nOverall')
  console.log(`  fact recall            ${pct(rate(notes.map((n) => n.facts)))}   (target ≥ 85%)`)
  console.log(`  intervention recall    ${pct(rate(notes.map((n) => n.interventions)))}`)
  console.log(`  plan recall            ${pct(rate(notes.map((n) => n.plan)))}`)
  console.log(
    `  forbidden hits         ${notes.reduce((a, n) => a + n.forbiddenHits.length, 0)}   (target 0)`,
  )
  console.log(
    `  CPT accuracy           ${pct(notes.filter((n) => n.cpt.correct).length / notes.length)}   (target ≥ 95%)`,
  )
  console.log(
    `  evidence coverage      ${pct(notes.reduce((a, n) => a + n.withEvidence, 0) / statements)}   (target 100%)`,
  )
  console.log(
    `  engine statements unsupported by the verifier  ${pct(notes.reduce((a, n) => a + n.unsupported, 0) / statements)}`,
  )
  console.log(
    `  words per note         mean ${Math.round(notes.reduce((a, n) => a + n.words, 0) / notes.length)}, max for 45–55 min individual sessions ${Math.max(...fifty.map((n) => n.words))}   (target ≤ 450)`,
  )
  console.log(`  risk: positive recall  ${pct(risk.overall.positiveRecall)}   (target 100%)`)
  console.log(`        trap false pos.  ${risk.overall.trapFalsePositives}   (target 0)`)
  console.log(`        denials recorded ${pct(risk.overall.deniedRecorded)}   (target ≥ 95%)`)

  // Verifier: fabrications injected into real drafts of the embedded engine.
  const fab = evaluateFabrication(loadFabricationSamples(), embeddedDraft)
  console.log('\nVerifier on injected fabrications (real drafts of the embedded engine)')
  for (const [type, r] of Object.entries(fab.byType))
    console.log(
      `  ${type.padEnd(24)} caught ${String(r.caught).padStart(4)}/${String(r.injected).padEnd(4)} ${pct(r.catchRate)}`,
    )
  console.log(`  overall catch rate     ${pct(fab.catchRate)}   (target ≥ 95%)`)
  console.log(
    `  true statements flagged ${pct(fab.falseAlarmRate)} (${fab.trueFlagged}/${fab.trueTotal})   (target ≤ 5%)`,
  )
  console.log(`  hand-written true paraphrases flagged ${fab.paraphrases.flagged}/${fab.paraphrases.total}`)

  const annomi = evaluateAnnomi()
  console.log(`\nIntervention detection on AnnoMI (${annomi.utterances} therapist utterances, expert labels)`)
  for (const [name, s] of [
    ['questions', annomi.question],
    ['reflections', annomi.reflection],
  ] as const)
    console.log(
      `  ${name.padEnd(12)} precision ${pct(s.precision)}  recall ${pct(s.recall)}  F1 ${pct(s.f1)}`,
    )

  console.log(
    '\nDe-identification, per type (alone: npx tsx scripts/eval-deid.ts [--split dev|held-out] [--verbose])',
  )
  printDeidReport('all')
  const deidSamples = silently(evalSamples)
  const presidio = silently(() => evalPresidio('all'))
  console.log('\nDe-identification summary   (targets: recall ≥ 99%, names ≥ 98%, precision ≥ 90%)')
  console.log(
    `  samples   PHI recall ${pct(deidSamples.recall)}  names ${pct(deidSamples.nameRecall)}  precision ${pct(deidSamples.precision)}`,
  )
  console.log(
    `  presidio  PHI recall ${pct(presidio.recall)}  names ${pct(presidio.nameRecall)}  precision ${pct(presidio.precision)}`,
  )
}

run().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
