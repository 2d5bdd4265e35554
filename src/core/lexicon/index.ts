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

/** A phrase lexicon matched word by word (a trie over lower-case words): fast on long texts. */
class PhraseMatcher {
  private readonly root = new Map<string, unknown>()
  private static readonly END = '\u0000'

  constructor(terms: readonly string[], variants: (term: string) => string[] = (t) => [t]) {
    for (const term of terms) {
      for (const variant of variants(term)) {
        let node = this.root
        for (const word of words(variant.toLowerCase()).map((w) => w.text)) {
          let next = node.get(word) as Map<string, unknown> | undefined
          if (!next) {
            next = new Map()
            node.set(word, next)
          }
          node = next
        }
        node.set(PhraseMatcher.END, term)
      }
    }
  }

  /** Longest matches, left to right, as canonical terms with offsets in the text. */
  find(text: string): TermMatch[] {
    const tokens = words(text)
    const out: TermMatch[] = []
    for (let i = 0; i < tokens.length; i++) {
      let node = this.root
      let found: { term: string; end: number; j: number } | undefined
      for (let j = i; j < tokens.length; j++) {
        const next = node.get(tokens[j]!.text.toLowerCase()) as Map<string, unknown> | undefined
        if (!next) break
        node = next
        const term = node.get(PhraseMatcher.END) as string | undefined
        if (term) found = { term, end: tokens[j]!.end, j }
      }
      if (found) {
        out.push({ term: found.term, start: tokens[i]!.start, end: found.end })
        i = found.j
      }
    }
    return out
  }
}

interface Word {
  text: string
  start: number
  end: number
}

/** Words split at spaces, hyphens, slashes and punctuation (so "binge-eating" matches "binge eating"). */
function words(text: string): Word[] {
  const out: Word[] = []
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu))
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  return out
}

const MEDICATION_MATCHER = new PhraseMatcher(MEDICATIONS)
const MEDICATION_CLASS_MATCHER = new PhraseMatcher(MEDICATION_CLASSES, (t) => [t, `${t}s`])
const DIAGNOSIS_MATCHER = new PhraseMatcher(DIAGNOSES)
const ABBREVIATIONS = new Set(DIAGNOSIS_ABBREVIATIONS)
const MEASURE_RES = MEASURES.map((m) => ({ name: m.name, re: new RegExp(m.pattern, 'gi') }))
// Cheap test before the measure patterns: every measure name contains one of these.
const MEASURE_HINT =
  /phq|gad|pcl|ptsd check|bocs|yale|audit|dast|ssrs|columbia|asq|bdi|beck|bai|epds|edinburgh|mdq|mood disorder|asrs|cage|ors|rating scale|core|k-?10|kessler|whodas|isi|insomnia severity|psqi|pittsburgh|ace|adverse|suds|subjective units|cgi|clinical global|oci|scared|vanderbilt|moca/i

/** Named medications in the text (lower-case canonical names). */
export function findMedications(text: string): TermMatch[] {
  return MEDICATION_MATCHER.find(text)
}

/** Medication classes ("antidepressant", "benzo") in the text. */
export function findMedicationClasses(text: string): TermMatch[] {
  return MEDICATION_CLASS_MATCHER.find(text)
}

/** Diagnosis names, diagnosis abbreviations and diagnostic codes in the text. */
export function findDiagnoses(text: string): TermMatch[] {
  const abbreviations: TermMatch[] = []
  for (const m of text.matchAll(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*/g))
    if (ABBREVIATIONS.has(m[0]))
      abbreviations.push({ term: m[0], start: m.index, end: m.index + m[0].length })
  return [...DIAGNOSIS_MATCHER.find(text), ...abbreviations].sort((a, b) => a.start - b.start)
}

/** ICD-10 F/Z codes and DSM-style numeric diagnostic codes in the text. */
export function findDiagnosticCodes(text: string): TermMatch[] {
  const out: TermMatch[] = []
  for (const m of text.matchAll(new RegExp(DIAGNOSTIC_CODE.source, 'g')))
    out.push({ term: m[0].toUpperCase(), start: m.index, end: m.index + m[0].length })
  return out
}

/** Standardised measures named in the text (canonical names such as "PHQ-9"). */
export function findMeasures(text: string): TermMatch[] {
  if (!MEASURE_HINT.test(text)) return []
  const out: TermMatch[] = []
  for (const { name, re } of MEASURE_RES) {
    for (const m of text.matchAll(re)) out.push({ term: name, start: m.index, end: m.index + m[0].length })
  }
  return out.sort((a, b) => a.start - b.start)
}
