import { findDiagnoses, findMeasures, findMedications } from '../lexicon/index.js'
import {
  escapeRegExp,
  extractNumbers,
  isNegationToken,
  STOPWORDS,
  splitSentences,
  stem,
  type Token,
  tokenize,
  wordCount,
  wordRarity,
  wordValue,
} from '../text/index.js'
import type { Role, Transcript } from '../transcript/utterance.js'
import { isClinicianSide } from '../transcript/utterance.js'
import { cleanSpeech, isBackchannel } from './clean.js'
import { CLINICAL_TERMS, INTERVENTION_TERMS } from './vocabulary.js'

/** What the engine measures in a piece of text to judge how much it says. */
export interface TextFeatures {
  words: number
  question: boolean
  /** Content stems, then the numbers said ("#6.5"), in order, repeats kept. */
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

/** A content word of a sentence, as the concept model sees it. */
export interface Term {
  stem: string
  norm: string
  /** Capitalised inside the sentence (a name, a place, a product). */
  capital: boolean
  /** Follows a determiner ("the garage", "my brother"): a noun. */
  afterDeterminer: boolean
  /** Written in lower case here (so the word is not only a name). */
  lower: boolean
  /** Follows a title ("Dr. Sato", "Ms. Ocampo"). */
  afterTitle: boolean
  /** Index of the word in the sentence. */
  index: number
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
  /** The content words (one entry per occurrence). */
  terms: Term[]
}

/** Everything the engine needs about one word form, computed once per process. */
interface WordInfo {
  stem: string
  /** A content word (not a stop word, negation or number). */
  content: boolean
  rarity: number
  count: number
  clinical: boolean
  /** A number word ("six", "twice", "hundred") or digits: the sentence needs the number parser. */
  numeric: boolean
}

const CLINICAL_PREFIXES = CLINICAL_TERMS.map((t) => t.toLowerCase())
const INTERVENTION_RE = new RegExp(
  `\\b(?:${[...INTERVENTION_TERMS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})`,
  'gi',
)
const INTERVENTION_TEST = new RegExp(INTERVENTION_RE.source, 'i')
const DIAGNOSIS_HINT = /impression|diagnos|rule out|r\/o|criteria/i
const SCALE_WORDS = new Set(['hundred', 'thousand', 'million'])
const TITLES = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'nurse',
  'coach',
  'officer',
  'judge',
  'pastor',
])
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'my',
  'his',
  'her',
  'their',
  'our',
  'your',
  'this',
  'that',
  'some',
  'no',
])

// Words rarer than this (≈ "sleep", "week") carry information; commoner ones are the fabric of talk.
const RARITY_FLOOR = 3.8

// Word forms repeat across a session and across sessions: analyse each once. The vocabulary of
// speech is bounded, but the cache is cleared if it ever grows past a generous size.
const WORDS = new Map<string, WordInfo>()
const MAX_CACHED_WORDS = 200_000

function infoOf(norm: string): WordInfo {
  let info = WORDS.get(norm)
  if (info) return info
  const numeric = /^\d/.test(norm) || wordValue(norm) !== undefined || SCALE_WORDS.has(norm)
  info = {
    stem: stem(norm),
    content: !STOPWORDS.has(norm) && !isNegationToken(norm) && !numeric,
    rarity: wordRarity(norm),
    count: wordCount(norm),
    clinical: CLINICAL_PREFIXES.some((p) => norm === p || (p.length >= 4 && norm.startsWith(p))),
    numeric,
  }
  if (WORDS.size >= MAX_CACHED_WORDS) WORDS.clear()
  WORDS.set(norm, info)
  return info
}

/** Rarity of a lower-case word in everyday speech (cached). */
export function rarityOf(norm: string): number {
  return infoOf(norm).rarity
}

/** Occurrences of a lower-case word in the spoken-English corpus (cached). */
export function frequencyOf(norm: string): number {
  return infoOf(norm).count
}

/** Measure a cleaned piece of text from its tokens (tokenized once). */
function measure(clean: string, tokens: Token[]): TextFeatures & { terms: Term[] } {
  const stems: string[] = []
  const terms: Term[] = []
  const names: string[] = []
  let information = 0
  let clinicalTerms = 0
  let numeric = false
  const seen = new Set<string>()
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const info = infoOf(t.norm)
    if (info.numeric) numeric = true
    if (info.clinical) clinicalTerms++
    if (t.norm.length >= 3 && !seen.has(t.norm)) {
      seen.add(t.norm)
      if (info.rarity > RARITY_FLOOR) information += Math.min(info.rarity - RARITY_FLOOR, 3)
    }
    const capital = i > 0 && isUpper(t.text) && t.text !== 'I' && !t.text.startsWith("I'")
    if (capital && info.rarity >= 5 && !/[.!?:]/.test(clean.slice(tokens[i - 1]!.end, t.start)))
      names.push(t.text)
    if (!info.content) continue
    stems.push(info.stem)
    terms.push({
      stem: info.stem,
      norm: t.norm,
      capital,
      afterDeterminer: i > 0 && DETERMINERS.has(tokens[i - 1]!.norm),
      afterTitle: i > 0 && TITLES.has(tokens[i - 1]!.norm),
      lower: t.text === t.norm,
      index: i,
    })
  }
  let numbers = 0
  if (numeric) {
    // Numbers are concepts too: "#6.5" is the pain rating whether said as digits or words.
    for (const m of extractNumbers(clean)) {
      const raw = m.raw.toLowerCase()
      if (raw === 'one' || raw === 'a') continue
      numbers++
      if (raw !== 'first' && raw !== 'second') stems.push(`#${m.value}`)
    }
  }
  return {
    words: tokens.length,
    question: /\?\s*["')]*$/.test(clean),
    stems,
    numbers,
    medications: findMedications(clean).map((m) => m.term),
    measures: findMeasures(clean).map((m) => m.term),
    // Only impressions use diagnoses (classify.ts): look them up where a sentence speaks of one.
    diagnoses: DIAGNOSIS_HINT.test(clean) ? findDiagnoses(clean).map((m) => m.term) : [],
    names,
    clinicalTerms,
    interventionTerms: INTERVENTION_TEST.test(clean)
      ? [...clean.matchAll(INTERVENTION_RE)].map((m) => m[0].toLowerCase())
      : [],
    information,
    terms,
  }
}

function isUpper(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c >= 65 && c <= 90) return true
  if (c < 128) return false
  return /^\p{Lu}/u.test(word)
}

/**
 * Words of the session that are names: written with a capital inside a sentence and never in
 * lower case ("Gloria", "Pickle"), so the note keeps their capital at the start of a clause.
 */
export function sessionNames(sentences: SessionSentence[]): Set<string> {
  const capital = new Set<string>()
  const lower = new Set<string>()
  for (const s of sentences)
    for (const t of s.terms) {
      if (t.capital) capital.add(t.norm)
      if (t.lower) lower.add(t.norm)
    }
  for (const w of lower) capital.delete(w)
  return capital
}

/** Measure a cleaned piece of text. */
export function textFeatures(clean: string): TextFeatures {
  const { terms: _terms, ...features } = measure(clean, tokenize(clean))
  return features
}

/** Split every utterance into sentences and annotate them (each sentence is tokenized once). */
export function sessionSentences(transcript: Transcript): SessionSentence[] {
  const out: SessionSentence[] = []
  const total = Math.max(1, transcript.utterances.length - 1)
  transcript.utterances.forEach((u, utteranceIndex) => {
    const clinicianSide = isClinicianSide(u.role)
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
        clinicianSide,
        raw: s.text,
        clean,
        position: utteranceIndex / total,
        ...measure(clean, tokenize(clean)),
      })
    })
  })
  return out
}
