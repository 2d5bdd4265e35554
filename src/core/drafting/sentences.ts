import { findDiagnoses, findMeasures, findMedications } from '../lexicon/index.js'
import {
  contentStems,
  countWords,
  extractNumbers,
  splitSentences,
  tokenize,
  wordRarity,
} from '../text/index.js'
import type { Role, Transcript } from '../transcript/utterance.js'
import { isClinicianSide } from '../transcript/utterance.js'
import { cleanSpeech, isBackchannel } from './clean.js'
import { CLINICAL_TERMS, INTERVENTION_TERMS } from './vocabulary.js'

/** What the engine measures in a piece of text to judge how much it says. */
export interface TextFeatures {
  words: number
  question: boolean
  stems: string[]
  numbers: number
  medications: string[]
  measures: string[]
  diagnoses: string[]
  /** Capitalised words inside the sentence that are not common words (names, places, products). */
  names: string[]
  clinicalTerms: number
  interventionTerms: string[]
  /** Sum of the rarity of its distinct content words above the everyday level. */
  information: number
}

/** One sentence of the session, cleaned, with what the engine needs to judge it. */
export interface SessionSentence extends TextFeatures {
  /** Position in the session, 0-based, across all utterances. */
  index: number
  utteranceId: string
  utteranceIndex: number
  /** Index of this sentence within its utterance. */
  within: number
  speaker: string
  role: Role
  clinicianSide: boolean
  raw: string
  clean: string
  /** 0 at the start of the session, 1 at the end. */
  position: number
}

const CLINICAL_PREFIXES = CLINICAL_TERMS.map((t) => t.toLowerCase())
const INTERVENTION_RE = new RegExp(
  `\\b(?:${[...INTERVENTION_TERMS]
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})`,
  'gi',
)

// Words rarer than this (≈ "sleep", "week") carry information; commoner ones are the fabric of talk.
const RARITY_FLOOR = 3.8

function countClinical(tokens: string[]): number {
  let n = 0
  for (const t of tokens)
    if (CLINICAL_PREFIXES.some((p) => t === p || (p.length >= 4 && t.startsWith(p)))) n++
  return n
}

function namesIn(sentence: string): string[] {
  const out: string[] = []
  const tokens = tokenize(sentence)
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!/^\p{Lu}/u.test(t.text) || t.text === 'I' || /^I'/.test(t.text)) continue
    const before = sentence.slice(tokens[i - 1]!.end, t.start)
    if (/[.!?:]/.test(before)) continue
    if (wordRarity(t.norm) < 5) continue
    out.push(t.text)
  }
  return out
}

/** Measure a cleaned piece of text. */
export function textFeatures(clean: string): TextFeatures {
  const tokens = tokenize(clean).map((t) => t.norm)
  let information = 0
  for (const t of new Set(tokens)) {
    if (t.length < 3) continue
    const r = wordRarity(t)
    if (r > RARITY_FLOOR) information += Math.min(r - RARITY_FLOOR, 3)
  }
  return {
    words: countWords(clean),
    question: /\?\s*["')]*$/.test(clean),
    // Numbers are concepts too: "#6.5" is the pain rating whether said as digits or words.
    stems: [
      ...contentStems(clean),
      ...extractNumbers(clean)
        .filter((m) => !/^(?:one|a|first|second)$/i.test(m.raw))
        .map((m) => `#${m.value}`),
    ],
    numbers: extractNumbers(clean).filter((m) => !/^(?:one|a)$/i.test(m.raw)).length,
    medications: findMedications(clean).map((m) => m.term),
    measures: findMeasures(clean).map((m) => m.term),
    diagnoses: findDiagnoses(clean).map((m) => m.term),
    names: namesIn(clean),
    clinicalTerms: countClinical(tokens),
    interventionTerms: [...clean.matchAll(INTERVENTION_RE)].map((m) => m[0].toLowerCase()),
    information,
  }
}

/** Split every utterance into sentences and annotate them. */
export function sessionSentences(transcript: Transcript): SessionSentence[] {
  const out: SessionSentence[] = []
  const total = Math.max(1, transcript.utterances.length - 1)
  transcript.utterances.forEach((u, utteranceIndex) => {
    splitSentences(u.text).forEach((s, within) => {
      const clean = cleanSpeech(s.text)
      if (!clean || isBackchannel(clean)) return
      out.push({
        index: out.length,
        utteranceId: u.id,
        utteranceIndex,
        within,
        speaker: u.speaker,
        role: u.role,
        clinicianSide: isClinicianSide(u.role),
        raw: s.text,
        clean,
        position: utteranceIndex / total,
        ...textFeatures(clean),
      })
    })
  })
  return out
}
