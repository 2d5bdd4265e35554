import { DIAGNOSES, DIAGNOSIS_ABBREVIATIONS, DIAGNOSTIC_CODE } from './diagnoses.js'
import { MEASURES } from './measures.js'
import { MEDICATION_CLASSES, MEDICATIONS } from './medications.js'

export type { Measure } from './measures.js'
export { DIAGNOSES, DIAGNOSIS_ABBREVIATIONS, DIAGNOSTIC_CODE, MEASURES, MEDICATION_CLASSES, MEDICATIONS }

/** A lexicon term found in text. */
export interface TermMatch {
  term: string
  start: number
  end: number
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

function wordAlternation(terms: readonly string[]): string {
  return [...terms]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/ /g, '[\\s-]+'))
    .join('|')
}

const MEDICATION_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${wordAlternation(MEDICATIONS)})(?![\\p{L}\\p{N}])`,
  'giu',
)
const MEDICATION_CLASS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${wordAlternation(MEDICATION_CLASSES)})s?(?![\\p{L}\\p{N}])`,
  'giu',
)
const DIAGNOSIS_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${wordAlternation(DIAGNOSES)})(?![\\p{L}\\p{N}])`,
  'giu',
)
const DIAGNOSIS_ABBR_RE = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?:${DIAGNOSIS_ABBREVIATIONS.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}-])`,
  'gu',
)
const MEASURE_RES = MEASURES.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'gi') }))

function collect(
  re: RegExp,
  text: string,
  canonical: (raw: string) => string = (r) => r.toLowerCase(),
): TermMatch[] {
  const out: TermMatch[] = []
  for (const m of text.matchAll(re))
    out.push({ term: canonical(m[0]), start: m.index, end: m.index + m[0].length })
  return out
}

/** Named medications in the text (lower-case canonical names). */
export function findMedications(text: string): TermMatch[] {
  return collect(MEDICATION_RE, text, (r) => r.toLowerCase().replace(/[\s-]+/g, ' '))
}

/** Medication classes ("antidepressant", "benzo") in the text. */
export function findMedicationClasses(text: string): TermMatch[] {
  return collect(MEDICATION_CLASS_RE, text, (r) => r.toLowerCase().replace(/s$/, ''))
}

/** Diagnosis names, diagnosis abbreviations and diagnostic codes in the text. */
export function findDiagnoses(text: string): TermMatch[] {
  return [
    ...collect(DIAGNOSIS_RE, text, (r) => r.toLowerCase().replace(/[\s-]+/g, ' ')),
    ...collect(DIAGNOSIS_ABBR_RE, text, (r) => r),
  ].sort((a, b) => a.start - b.start)
}

/** ICD-10 F/Z codes and DSM-style numeric diagnostic codes in the text. */
export function findDiagnosticCodes(text: string): TermMatch[] {
  return collect(new RegExp(DIAGNOSTIC_CODE.source, 'g'), text, (r) => r.toUpperCase())
}

/** Standardised measures named in the text (canonical names such as "PHQ-9"). */
export function findMeasures(text: string): TermMatch[] {
  const out: TermMatch[] = []
  for (const { name, re } of MEASURE_RES) {
    for (const m of text.matchAll(re)) out.push({ term: name, start: m.index, end: m.index + m[0].length })
  }
  return out.sort((a, b) => a.start - b.start)
}
