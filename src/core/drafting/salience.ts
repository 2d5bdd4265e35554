import { contentStems, countWords, extractNumbers, splitSentences } from '../text/index.js'
import type { SessionSentence, TextFeatures } from './sentences.js'

const TIME =
  /\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|tonight|tomorrow|yesterday|morning|night|nights|evening|afternoon|hours?|minutes?|days?|weeks?|months?|years?|daily|every|o'clock|a\.m|p\.m|since|ago|last|next)\b/gi
const EMOTION =
  /\b(?:sad|angry|mad|scared|afraid|anxious|nervous|worried|guilty|ashamed|embarrassed|lonely|hopeless|helpless|useless|worthless|numb|empty|overwhelmed|stressed|frustrated|irritable|exhausted|tired|relieved|relief|proud|happy|hurt|grief|gray|grey|down|low|panic|dread|furious|jealous|stuck|trapped|burden)\b/gi
const KIN =
  /\b(?:wife|husband|partner|spouse|girlfriend|boyfriend|ex|mom|mother|dad|father|stepdad|stepmom|brother|sister|son|daughter|kids?|children|grand\w+|aunt|uncle|cousin|nephew|niece|boss|coworker|friend|roommate|doctor|dr|teacher|therapist|sponsor|counselor)\b/i
const SMALL =
  /\b(?:hear me|see me|camera|mute|audio|echo|connection|wifi|parking|weather|traffic|have a seat|come on in|come in|sit wherever|laughs?)\b/i
const NEGATION = /\b(?:not|no|never|nothing|denies|denied)\b|n't\b/i
const FIRST_PERSON = /\b(?:i|i'm|i've|i'd|my|me)\b/i

/** The names of the unit features, in the order of the weight vector. */
export const FEATURE_NAMES = [
  'bias',
  'conceptTop',
  'conceptSum',
  'early',
  'opening',
  'closing',
  'clinician',
  'answer',
  'questionClinical',
  'numbers',
  'time',
  'medicationOrMeasure',
  'names',
  'kin',
  'anecdote',
  'echo',
  'replyStart',
  'askedTopic',
  'recap',
  'logWords',
  'firstPerson',
  'smallTalk',
  'negation',
  'intervention',
  'clinical',
  'emotion',
  'information',
  'topic',
] as const

/** What the session says about the stems and turns around a unit (built once per session). */
export interface SessionContext {
  /** Utterances each stem occurs in. */
  df: Map<string, number>
  /** The concept model's probability for each stem. */
  concepts: Map<string, number>
  /** Stems of each utterance, by utterance index. */
  stemsByUtterance: Map<number, Set<string>>
  /** For an utterance that follows a clinician's question: the question's stems. */
  askedStems: Map<number, Set<string>>
  /** Stems the clinician side says while the session winds down (recap, plan). */
  recapStems: Set<string>
}

/** What the unit model sees of a unit. */
export interface UnitView {
  text: TextFeatures & { clean: string }
  question?: (TextFeatures & { clean: string }) | undefined
  clinicianSide: boolean
  /** 0 at the start of the session, 1 at the end. */
  position: number
  /** Utterance index of the unit's (last) sentence. */
  utteranceIndex: number
  /** Distinct stems of the unit (with its question's). */
  stems: Set<string>
  /** Distinct stems of the unit's own words. */
  ownStems: Set<string>
  /** The unit opens a reply to a clinician's question. */
  replyStart: boolean
}

function count(re: RegExp, text: string): number {
  re.lastIndex = 0
  let n = 0
  while (re.exec(text)) n++
  return n
}

/** The feature vector of a unit, in FEATURE_NAMES order. */
export function featureVector(unit: UnitView, ctx: SessionContext): number[] {
  const t = unit.text
  const q = unit.question
  const probs: number[] = []
  let anecdote = 0
  let content = 0
  let topic = 0
  let recap = 0
  for (const st of unit.stems) {
    const p = ctx.concepts.get(st) ?? 0
    probs.push(p)
    if (st.startsWith('#') || st.length <= 2) continue
    const n = ctx.df.get(st) ?? 0
    if (unit.ownStems.has(st)) {
      content++
      if (n <= 1) anecdote++
      if (ctx.recapStems.has(st) && n >= 2) recap++
    }
    if (n >= 2) topic += Math.min(n, 6) / 6
  }
  probs.sort((a, b) => b - a)
  const top = (probs[0] ?? 0) + (probs[1] ?? 0) + (probs[2] ?? 0)
  const sum = probs.reduce((a, b) => a + b, 0)
  const next = ctx.stemsByUtterance.get(unit.utteranceIndex + 1)
  let echoed = 0
  if (next) for (const st of unit.ownStems) if (next.has(st)) echoed++
  const asked = ctx.askedStems.get(unit.utteranceIndex)
  let askedTopic = 0
  if (asked && !unit.clinicianSide) for (const st of unit.ownStems) if (asked.has(st)) askedTopic = 1
  return [
    1,
    top,
    Math.min(sum, 8) / 4,
    Math.max(0, 1 - unit.position / 0.35),
    unit.position < 0.04 ? 1 : 0,
    unit.position > 0.85 ? 1 : 0,
    unit.clinicianSide ? 1 : 0,
    q ? 1 : 0,
    q ? Math.min(q.clinicalTerms + q.measures.length + q.medications.length, 2) / 2 : 0,
    Math.min(t.numbers, 2),
    Math.min(count(TIME, t.clean), 2) / 2,
    t.medications.length + t.measures.length > 0 ? 1 : 0,
    Math.min(t.names.length, 2) / 2,
    KIN.test(t.clean) ? 1 : 0,
    content > 0 ? anecdote / content : 0,
    unit.ownStems.size > 0 ? echoed / unit.ownStems.size : 0,
    unit.replyStart ? 1 : 0,
    askedTopic,
    Math.min(recap, 3) / 3,
    Math.log1p(t.words),
    !unit.clinicianSide && FIRST_PERSON.test(t.clean) ? 1 : 0,
    SMALL.test(t.clean) ? 1 : 0,
    NEGATION.test(t.clean) ? 1 : 0,
    Math.min(t.interventionTerms.length, 2) / 2,
    Math.min(t.clinicalTerms, 3) / 3,
    Math.min(count(EMOTION, t.clean), 2) / 2,
    Math.min(t.information, 12) / 6,
    Math.min(topic, 4) / 4,
  ]
}

/**
 * Weights of the unit model: a logistic regression fitted by `scripts/fit-salience.ts` on the
 * sample sessions, labelling a unit as salient when it carries a gold fact, intervention or plan
 * keyword. Leave-one-session-out validation is reported by that script; refit after changing features.
 */
export const WEIGHTS: readonly number[] = [
  -2.702, // bias
  0.387, // conceptTop
  1.685, // conceptSum
  0.371, // early
  -1.266, // opening
  0.437, // closing
  -0.009, // clinician
  0.044, // answer
  1.11, // questionClinical
  0.131, // numbers
  0.257, // time
  2.266, // medicationOrMeasure
  0.135, // names
  0.819, // kin
  0.011, // anecdote
  0.212, // echo
  0.357, // replyStart
  -0.007, // askedTopic
  0.725, // recap
  -0.236, // logWords
  -0.026, // firstPerson
  -1.253, // smallTalk
  -0.236, // negation
  1.802, // intervention
  0.163, // clinical
  0.352, // emotion
  0.441, // information
  0.128, // topic
]

/** Probability-like salience of a unit: how likely it carries something a note should keep. */
export function salience(unit: UnitView, ctx: SessionContext, weights: readonly number[] = WEIGHTS): number {
  const f = featureVector(unit, ctx)
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
