/**
 * De-identification quality on the 12 gold samples and on the presidio-research synthetic set.
 * Usage: npx tsx scripts/eval-deid.ts [--verbose]
 *
 * Samples: the input is the raw transcript file; the speaker labels go in as `known.names`, as the
 * caller does in production. A gold PHI item is recalled when, after scrubbing, its text no longer
 * occurs with alphanumeric boundaries. Precision: a detected span is correct when it overlaps an
 * occurrence (boundary-matched) of some gold PHI text; every other span counts against us, even if
 * it might be a real identifier the gold missed. `non_phi` hits: gold non-PHI strings of which at
 * least one occurrence was scrubbed.
 *
 * Presidio: span overlap. A gold span is recalled when any detected span overlaps it; a detected
 * span is correct when it overlaps any gold span (of any type). Presidio types that are not HIPAA
 * identifiers are listed but left out of the overall recall (TITLE, NRP, ORGANIZATION, countries
 * and US states as GPE, years and weekdays as DATE_TIME, ages under 90).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deidentify, type PhiSpan } from '../src/core/deid/index.js'
import { CORPORA_DIR, loadSamples } from '../test/support/samples.js'

const verbose = process.argv.includes('--verbose')
/**
 * Presidio is split in two by record index: even records are the development half (misses are read
 * and rules tuned on it), odd records are held out (never read while tuning; reported to show the
 * rules generalise). `--split dev|held-out` restricts the run, and `--verbose` then lists that half.
 */
export type PresidioSplit = 'all' | 'dev' | 'held-out'
const splitArg = process.argv[process.argv.indexOf('--split') + 1]
const cliSplit: PresidioSplit =
  process.argv.includes('--split') && (splitArg === 'dev' || splitArg === 'held-out') ? splitArg : 'all'

export function inSplit(index: number, split: PresidioSplit): boolean {
  return split === 'all' || (split === 'dev') === (index % 2 === 0)
}

function boundary(s: string): RegExp {
  return new RegExp(`(?<![A-Za-z0-9])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9])`, 'g')
}

function pct(n: number, d: number): string {
  return d === 0 ? '   -  ' : (n / d).toFixed(3).padStart(6)
}

interface Tally {
  hit: number
  total: number
}

function add(map: Map<string, Tally>, key: string, hit: boolean): void {
  const t = map.get(key) ?? { hit: 0, total: 0 }
  t.total++
  if (hit) t.hit++
  map.set(key, t)
}

/** Printing of the detailed tables; `npm run eval` turns it off and prints a summary. */
let quiet = false
function log(...args: unknown[]): void {
  if (!quiet) console.log(...args)
}

/** Run the deid evaluation without printing its tables. */
export function silently<T>(fn: () => T): T {
  quiet = true
  try {
    return fn()
  } finally {
    quiet = false
  }
}

function printTable(
  title: string,
  recall: Map<string, Tally>,
  extra: (k: string) => string = () => '',
  metric = 'recall',
): void {
  log(`\n${title}`)
  log(`${'type'.padEnd(22)} ${metric.padStart(6)}  ${'n'.padStart(5)}  ${extra('__header__')}`)
  for (const [k, t] of [...recall].sort((a, b) => b[1].total - a[1].total))
    log(`${k.padEnd(22)} ${pct(t.hit, t.total)}  ${String(t.total).padStart(5)}  ${extra(k)}`)
}

// ---------- samples ----------
export function evalSamples(): { recall: number; nameRecall: number; precision: number; nonPhiHits: number } {
  const byType = new Map<string, Tally>()
  let tp = 0
  let spansTotal = 0
  let nonPhiHits = 0
  let nonPhiTotal = 0
  const fps: string[] = []
  const misses: string[] = []
  for (const s of loadSamples()) {
    const text = s.bytes.toString('utf8')
    const labels = Object.keys(s.gold.roles).filter((l) => l !== '*')
    const { text: out, spans } = deidentify(text, { known: { names: labels } })
    const items = new Map<string, string>()
    for (const p of s.gold.phi) items.set(p.text, p.type)
    const goldOcc: { start: number; end: number }[] = []
    for (const [t, type] of items) {
      for (const m of text.matchAll(boundary(t))) goldOcc.push({ start: m.index, end: m.index + m[0].length })
      const left = boundary(t).test(out)
      add(byType, type, !left)
      if (left) misses.push(`${s.id} ${type} ${JSON.stringify(t)}`)
    }
    for (const sp of spans) {
      spansTotal++
      if (goldOcc.some((g) => g.start < sp.end && sp.start < g.end)) tp++
      else
        fps.push(
          `${s.id} ${sp.type} ${JSON.stringify(sp.text)} …${JSON.stringify(text.slice(Math.max(0, sp.start - 30), sp.end + 20))}`,
        )
    }
    for (const np of s.gold.non_phi ?? []) {
      nonPhiTotal++
      const before = [...text.matchAll(boundary(np))].length
      const after = [...out.matchAll(boundary(np))].length
      if (after < before) {
        nonPhiHits++
        misses.push(`${s.id} NON_PHI scrubbed ${JSON.stringify(np)}`)
      }
    }
  }
  const all = [...byType.values()].reduce((a, t) => ({ hit: a.hit + t.hit, total: a.total + t.total }), {
    hit: 0,
    total: 0,
  })
  const names = byType.get('name') ?? { hit: 0, total: 0 }
  printTable('Samples (12 gold transcripts): gold PHI items removed', byType)
  log(
    `overall recall ${pct(all.hit, all.total)} (${all.hit}/${all.total})   names ${pct(names.hit, names.total)}`,
  )
  log(`precision      ${pct(tp, spansTotal)} (${tp}/${spansTotal} detected spans overlap gold PHI)`)
  log(`non_phi scrubbed: ${nonPhiHits} of ${nonPhiTotal}`)
  if (verbose) {
    log('\nmisses:')
    for (const m of misses) log('  ', m)
    log('\nfalse positives:')
    for (const f of fps) log('  ', f)
  }
  return {
    recall: all.hit / all.total,
    nameRecall: names.hit / names.total,
    precision: tp / spansTotal,
    nonPhiHits,
  }
}

// ---------- presidio ----------
export interface PresidioRecord {
  full_text: string
  spans: { entity_type: string; entity_value: string; start_position: number; end_position: number }[]
}

/** Presidio type → Sidenote type, or undefined when the type is no HIPAA identifier. */
export const PRESIDIO_TYPES: Record<string, string | undefined> = {
  PERSON: 'name',
  STREET_ADDRESS: 'address',
  GPE: 'address',
  ZIP_CODE: 'address',
  PHONE_NUMBER: 'phone',
  EMAIL_ADDRESS: 'email',
  US_SSN: 'ssn',
  CREDIT_CARD: 'account',
  IBAN_CODE: 'account',
  IP_ADDRESS: 'ip',
  DOMAIN_NAME: 'url',
  US_DRIVER_LICENSE: 'license',
  DATE_TIME: 'date',
  AGE: 'age',
  ORGANIZATION: undefined,
  TITLE: undefined,
  NRP: undefined,
}

// Countries, continents and US states: Safe Harbor keeps geography at state level and above.
const ABOVE_STATE = new Set(
  `afghanistan albania algeria america andorra angola argentina armenia australia austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi cambodia cameroon canada chad chile china colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt england eritrea estonia eswatini ethiopia europe fiji finland france gabon gambia georgia germany ghana greece greenland grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe scotland wales britain usa uk alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming greenlander`.split(
    ' ',
  ),
)
const ABOVE_STATE_MULTI =
  /^(the )?(new zealand|south africa|czech republic|united states|united kingdom|sri lanka|saudi arabia|costa rica|el salvador|new hampshire|new jersey|new mexico|new york|north carolina|north dakota|south carolina|south dakota|rhode island|west virginia|cyprus \(greek\))$/

function isAboveState(value: string): boolean {
  const v = value.trim().toLowerCase()
  return ABOVE_STATE.has(v) || ABOVE_STATE_MULTI.test(v)
}

/** Is a presidio gold span a HIPAA Safe Harbor identifier (the spans the overall recall counts)? */
export function isHipaa(type: string, value: string): boolean {
  if (PRESIDIO_TYPES[type] === undefined) return false
  // "nan" is a missing value the generator printed, not a place.
  if (value.trim() === 'nan') return false
  if (type === 'GPE') return !isAboveState(value)
  if (type === 'DATE_TIME')
    return /\d{1,4}[/-]\d{1,2}[/-]\d{1,4}|january|february|march|april|may|june|july|august|september|october|november|december/i.test(
      value,
    )
  if (type === 'AGE') return Number.parseInt(value, 10) > 89
  return true
}

/** The presidio-research synthetic sentences (read from ../shared, never copied). */
export function loadPresidio(): PresidioRecord[] {
  return JSON.parse(
    readFileSync(join(CORPORA_DIR, 'presidio-synthetic', 'synth_dataset_v2.json'), 'utf8'),
  ) as PresidioRecord[]
}

export function evalPresidio(split: PresidioSplit = cliSplit): {
  recall: number
  nameRecall: number
  precision: number
  mb: number
  seconds: number
} {
  const data = loadPresidio().filter((_, i) => inSplit(i, split))
  const byType = new Map<string, Tally>()
  const nonHipaa = new Map<string, Tally>()
  const precisionByType = new Map<string, Tally>()
  let tp = 0
  let total = 0
  const misses: string[] = []
  const fps: string[] = []
  let bytes = 0
  const t0 = performance.now()
  const results = data.map((r) => {
    bytes += Buffer.byteLength(r.full_text)
    return deidentify(r.full_text).spans
  })
  const seconds = (performance.now() - t0) / 1000
  data.forEach((r, i) => {
    const spans: PhiSpan[] = results[i]!
    for (const g of r.spans) {
      const hit = spans.some((s) => s.start < g.end_position && g.start_position < s.end)
      const hipaa = isHipaa(g.entity_type, g.entity_value)
      add(hipaa ? byType : nonHipaa, g.entity_type, hit)
      if (hipaa && !hit)
        misses.push(
          `${g.entity_type} ${JSON.stringify(g.entity_value)} in ${JSON.stringify(r.full_text.slice(0, 140))}`,
        )
    }
    for (const s of spans) {
      total++
      const ok = r.spans.some((g) => s.start < g.end_position && g.start_position < s.end)
      add(precisionByType, s.type, ok)
      if (ok) tp++
      else fps.push(`${s.type} ${JSON.stringify(s.text)} in ${JSON.stringify(r.full_text.slice(0, 140))}`)
    }
  })
  const all = [...byType.values()].reduce((a, t) => ({ hit: a.hit + t.hit, total: a.total + t.total }), {
    hit: 0,
    total: 0,
  })
  const names = byType.get('PERSON') ?? { hit: 0, total: 0 }
  printTable(
    `Presidio synthetic (${data.length} sentences, ${split === 'all' ? 'both halves' : `${split} half`}): HIPAA-relevant gold spans overlapped`,
    byType,
    (k) => (k === '__header__' ? 'ours' : (PRESIDIO_TYPES[k] ?? '')),
  )
  printTable('Presidio types/values that are not HIPAA identifiers (not in the overall figure)', nonHipaa)
  printTable(
    'Presidio: precision of our spans by our type (overlap with any gold span)',
    precisionByType,
    () => '',
    'prec.',
  )
  log(
    `overall recall ${pct(all.hit, all.total)} (${all.hit}/${all.total})   names ${pct(names.hit, names.total)}`,
  )
  log(`precision      ${pct(tp, total)} (${tp}/${total})`)
  if (verbose) {
    log('\nmisses:')
    for (const m of misses) log('  ', m)
    log('\nfalse positives:')
    for (const f of fps) log('  ', f)
  }
  return {
    recall: all.hit / all.total,
    nameRecall: names.hit / names.total,
    precision: tp / total,
    mb: bytes / 1e6,
    seconds,
  }
}

/**
 * The whole report: per-type tables on the samples and on presidio, then the two presidio halves.
 * `npm run eval` prints it too.
 */
export function printDeidReport(split: PresidioSplit = cliSplit): void {
  if (split === 'all') evalSamples()
  evalPresidio(split)
  if (split !== 'all') return
  const halves = (['dev', 'held-out'] as const).map((h) => [h, silently(() => evalPresidio(h))] as const)
  log('\nPresidio halves (even records: development, read while tuning; odd records: held out)')
  for (const [h, r] of halves)
    log(
      `${h.padEnd(9)} recall ${r.recall.toFixed(3)}  names ${r.nameRecall.toFixed(3)}  precision ${r.precision.toFixed(3)}`,
    )
}

if (import.meta.url === `file://${process.argv[1]}`) printDeidReport()
