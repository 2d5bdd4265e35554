import { contentStems, countWords, extractNumbers, splitSentences } from '../text/index.js'
import type { SessionSentence, TextFeatures } from './sentences.js'

const TIME =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|tonight|tomorrow|yesterday|morning|night|nights|evening|afternoon|hours?|minutes?|days?|weeks?|months?|years?|daily|every|o'clock|a\.m|p\.m|since|ago|last|next)\b/gi
const CHANGE =
  /\b(?:started|stopped|quit|began|anymore|used to|again|first time|since|increased|decreased|went up|went down|got worse|got better|changed|switched|lost|gained|new)\b/gi
const EMOTION =
  /\b(?:sad|angry|mad|scared|afraid|anxious|nervous|worried|guilty|ashamed|embarrassed|lonely|hopeless|helpless|useless|worthless|numb|empty|overwhelmed|stressed|frustrated|irritable|exhausted|tired|relieved|relief|proud|happy|hurt|grief|gray|grey|down|low|panic|dread|furious|jealous|stuck|trapped|burden)\b/gi
const SMALL =
  /\b(?:hear me|see me|camera|mute|audio|echo|link|connection|wifi|parking|weather|traffic|have a seat|come on in|come in|sit wherever)\b/i
const NEGATION = /\b(?:not|no|never|nothing|n't|denies|denied)\b|n't\b/i

/** The names of the features, in the order of the weight vector. */
export const FEATURE_NAMES = [
  'bias',
  'information',
  'numbers',
  'names',
  'medication',
  'measure',
  'clinical',
  'intervention',
  'topic',
  'logWords',
  'clinician',
  'answer',
  'questionInformation',
  'questionClinical',
  'firstPerson',
  'time',
  'change',
  'emotion',
  'smallTalk',
  'opening',
  'closing',
  'negation',
  'secondPerson',
  'echo',
  'conceptSum',
  'conceptMax',
  'earlyReport',
  'replyStart',
] as const

/** What the salience model sees of a unit of the session. */
export interface UnitView {
  text: TextFeatures & { clean: string }
  question?: (TextFeatures & { clean: string }) | undefined
  clinicianSide: boolean
  /** 0 at the start of the session, 1 at the end. */
  position: number
  /** Share of the unit's content words that the other side repeats right after (a reflection). */
  echo: number
  /** Concept weights of the unit's content words (see conceptWeights). */
  concepts: number[]
  /** The unit opens a reply to a clinician's question. */
  replyStart: boolean
}

function count(re: RegExp, text: string): number {
  return text.match(re)?.length ?? 0
}

/** The feature vector of a unit, in FEATURE_NAMES order. */
export function featureVector(unit: UnitView, df: Map<string, number>): number[] {
  const t = unit.text
  let topic = 0
  for (const stem of new Set(t.stems)) {
    const n = df.get(stem) ?? 0
    if (n >= 2 && stem.length > 2) topic += Math.min(n, 6) / 6
  }
  const q = unit.question
  return [
    1,
    Math.min(t.information, 12) / 4,
    Math.min(t.numbers, 3),
    Math.min(t.names.length, 2),
    t.medications.length > 0 ? 1 : 0,
    t.measures.length > 0 ? 1 : 0,
    Math.min(t.clinicalTerms, 4) / 2,
    Math.min(t.interventionTerms.length, 3) / 2,
    Math.min(topic, 4) / 2,
    Math.log1p(t.words),
    unit.clinicianSide ? 1 : 0,
    q ? 1 : 0,
    q ? Math.min(q.information, 12) / 4 : 0,
    q ? Math.min(q.clinicalTerms, 4) / 2 : 0,
    !unit.clinicianSide && /\b(?:i|i'm|i've|i'd|my|me)\b/i.test(t.clean) ? 1 : 0,
    Math.min(count(TIME, t.clean), 3) / 2,
    Math.min(count(CHANGE, t.clean), 2),
    Math.min(count(EMOTION, t.clean), 2),
    SMALL.test(t.clean) ? 1 : 0,
    unit.position < 0.05 ? 1 : 0,
    unit.position > 0.85 ? 1 : 0,
    NEGATION.test(t.clean) ? 1 : 0,
    /\byou\b/i.test(t.clean) ? 1 : 0,
    unit.echo,
    Math.min(
      unit.concepts.reduce((a, b) => a + b, 0),
      40,
    ) / 10,
    Math.min(Math.max(0, ...unit.concepts), 20) / 5,
    !unit.clinicianSide && unit.position < 0.35 ? 1 : 0,
    unit.replyStart ? 1 : 0,
  ]
}

/**
 * Weights of the salience model: a logistic regression fitted by `scripts/fit-salience.ts` on the
 * sample sessions, labelling a unit as salient when it carries a gold fact, intervention or plan
 * keyword. Leave-one-session-out validation is reported by that script; refit after changing features.
 */
export const WEIGHTS: readonly number[] = [
  -2.713, // bias
  0.387, // information
  0.259, // numbers
  0.117, // names
  1.887, // medication
  1.592, // measure
  0.215, // clinical
  1.78, // intervention
  0.639, // topic
  -0.317, // logWords
  0.175, // clinician
  -0.037, // answer
  0.578, // questionInformation
  0.912, // questionClinical
  0.013, // firstPerson
  0.233, // time
  -0.258, // change
  0.12, // emotion
  -1.095, // smallTalk
  -0.963, // opening
  0.604, // closing
  -0.287, // negation
  0.02, // secondPerson
  0.318, // echo
  3.044, // conceptSum
  1.202, // conceptMax
  0.419, // earlyReport
  0.392, // replyStart
]

/** Probability-like salience of a unit: how likely it carries something a note should keep. */
export function salience(
  unit: UnitView,
  df: Map<string, number>,
  weights: readonly number[] = WEIGHTS,
): number {
  const f = featureVector(unit, df)
  let z = 0
  for (let i = 0; i < f.length; i++) z += (weights[i] ?? 0) * f[i]!
  return 1 / (1 + Math.exp(-z))
}

/** How much of the session's concepts a piece of text carries, per word. */
function density(text: string, concepts: Map<string, number>): number {
  let sum = 0
  const seen = new Set<string>()
  for (const st of [...contentStems(text), ...extractNumbers(text).map((m) => `#${m.value}`)]) {
    if (seen.has(st)) continue
    seen.add(st)
    sum += concepts.get(st) ?? 0
  }
  return sum / (countWords(text) + 3) ** 0.6
}

function pickParts(parts: string[], maxWords: number, concepts: Map<string, number>): string[] {
  const scored = parts.map((c, i) => ({ c, i, w: countWords(c), score: density(c, concepts) }))
  const keep = new Set<number>()
  let words = 0
  for (const p of [...scored].sort((a, b) => b.score - a.score)) {
    if (words + p.w > maxWords && keep.size > 0) continue
    keep.add(p.i)
    words += p.w
  }
  return scored.filter((p) => keep.has(p.i)).map((p) => p.c)
}

/**
 * Trim a long unit to what carries the session's concepts: first drop whole sentences that say
 * least, and only if one sentence is still too long, drop its least informative clauses.
 */
export function compress(text: string, maxWords: number, concepts: Map<string, number>): string {
  if (countWords(text) <= maxWords) return text
  const sentences = splitSentences(text).map((s) => s.text)
  const kept = sentences.length > 1 ? pickParts(sentences, maxWords, concepts) : sentences
  const joined = kept.join(' ')
  if (countWords(joined) <= maxWords) return joined
  const clauses = joined
    .split(/(?<=[,;])\s+|\s+(?=(?:and then|but|because|so that)\s)/)
    .filter((c) => countWords(c) >= 3)
  return pickParts(clauses, maxWords, concepts)
    .join(' ')
    .replace(/[,;]\s*$/, '.')
}

/** Document frequency of content stems across utterances: words repeated across turns are the session's topics. */
export function stemFrequencies(sentences: SessionSentence[]): Map<string, number> {
  const df = new Map<string, number>()
  const seen = new Map<string, number>()
  for (const s of sentences) {
    for (const stem of new Set(s.stems)) {
      if (seen.get(stem) === s.utteranceIndex) continue
      seen.set(stem, s.utteranceIndex)
      df.set(stem, (df.get(stem) ?? 0) + 1)
    }
  }
  return df
}

/** How strongly selection prefers short units when they cover the same concepts. */
export const CONCEPT_LENGTH_EXP = 0.7
