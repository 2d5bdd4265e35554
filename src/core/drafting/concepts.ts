import { contentStems, stem } from '../text/index.js'
import { frequencyOf, rarityOf, type SessionSentence } from './sentences.js'
import { CLINICAL_TERMS } from './vocabulary.js'

/**
 * Concepts of a session: its content words (stemmed) and the numbers said in it. A note covers a
 * session well when it carries the concepts a clinician would write down; this module estimates,
 * for each concept, how likely that is, from how the session treats the word: how often and by
 * whom it is said, whether the clinician asks about it, how unusual it is in everyday speech.
 */

const CLINICAL_STEMS = new Set(CLINICAL_TERMS.map((t) => stem(t.toLowerCase())))

/** The names of the concept features, in the order of CONCEPT_WEIGHTS. */
export const CONCEPT_FEATURES = [
  'bias',
  'utterances',
  'mentions',
  'rarity',
  'common',
  'shared',
  'asked',
  'answered',
  'clinical',
  'number',
  'capitalised',
  'firstMention',
  'spread',
  'clientOnly',
  'clinicianOnly',
  'short',
  'reflected',
  'answerHead',
  'noun',
  'withNumber',
  'clientEarly',
  'vocative',
  'openingOnly',
  'logFrequency',
  'kin',
  'recap',
  'lexicon',
  'phrase',
  'uptake',
  'titled',
  'speakerName',
  'calendar',
  'smallNumber',
  'rareSquared',
  'singleMention',
] as const

interface ConceptStats {
  utterances: Set<number>
  mentions: number
  rarity: number
  count: number
  clinician: boolean
  other: boolean
  asked: boolean
  answered: boolean
  capitalised: number
  first: number
  last: number
  length: number
  reflected: boolean
  answerHead: boolean
  nounLike: number
  withNumber: number
  clientEarly: boolean
  /** Mentions as a form of address ("Hi, Desmond.", "Good work, Yesenia."). */
  vocative: number
  recap: boolean
  lexicon: boolean
  /** Times the stem was said inside a two-word phrase that recurs in the session ("dog food"). */
  phrase: number
  /** Said by the client side and picked up in the clinician's next turn (question or not). */
  uptake: boolean
  /** Said after a title ("Dr. Sato", "Ms. Ocampo"). */
  titled: boolean
  speakerName: boolean
}

const KIN =
  /^(?:wife|husband|partner|spous|girlfriend|boyfriend|mom|mother|dad|father|stepdad|brother|sister|son|daughter|kid|children|grand\w*|aunt|uncl|cousin|boss|cowork|friend|roommat|teacher|sponsor|counselor)$/

/** Days, parts of the day and units of time: when things happened and when the next step is. */
const CALENDAR =
  /^(?:mondai|tuesdai|wednesdai|thursdai|fridai|saturdai|sundai|todai|tonight|tomorrow|yesterdai|morn|afternoon|even|night|week|weekend|month|year|dai|time|minut|hour|next|last|ago)$/

/** A name used to address someone: after a greeting or thanks, or set off by a comma at a sentence's end. */
function isVocative(clean: string, norm: string): boolean {
  const lower = clean.toLowerCase()
  const at = lower.indexOf(norm)
  if (at < 0) return false
  const before = lower.slice(Math.max(0, at - 12), at)
  const after = lower.slice(at + norm.length, at + norm.length + 2)
  return (
    /(?:^|\b)(?:hi|hey|hello|bye|thanks|thank you|okay|ok|yes|no|so|well|good|night|morning)[,!. ]+$/.test(
      before,
    ) ||
    (/,\s*$/.test(before) && /^\s*(?:[.!?]|$)/.test(after))
  )
}

/** Per-concept statistics over the session. */
function conceptStats(sentences: SessionSentence[]): Map<string, ConceptStats> {
  const stats = new Map<string, ConceptStats>()
  const previousWasQuestion = new Set<number>()
  for (const s of sentences) if (s.clinicianSide && s.question) previousWasQuestion.add(s.utteranceIndex + 1)
  // Stems of each clinician-side utterance (questions included).
  const clinicianStems = new Map<number, Set<string>>()
  for (const s of sentences)
    if (s.clinicianSide) {
      const set = clinicianStems.get(s.utteranceIndex) ?? new Set<string>()
      for (const st of s.stems) set.add(st)
      clinicianStems.set(s.utteranceIndex, set)
    }
  // Stems the clinician says in a statement (not a question) right after a client's turn: reflections.
  const reflectedAt = new Map<number, Set<string>>()
  for (const s of sentences)
    if (s.clinicianSide && !s.question) {
      const set = reflectedAt.get(s.utteranceIndex) ?? new Set<string>()
      for (const st of s.stems) set.add(st)
      reflectedAt.set(s.utteranceIndex, set)
    }
  const add = (
    key: string,
    s: SessionSentence,
    rarity: number,
    count: number,
    capital: boolean,
    length: number,
    extra: { noun: boolean; head: boolean; vocative?: boolean; lexicon?: boolean; titled?: boolean },
  ) => {
    let st = stats.get(key)
    if (!st) {
      st = {
        utterances: new Set(),
        mentions: 0,
        rarity: 0,
        count,
        clinician: false,
        other: false,
        asked: false,
        answered: false,
        capitalised: 0,
        first: s.position,
        last: s.position,
        length,
        reflected: false,
        answerHead: false,
        nounLike: 0,
        withNumber: 0,
        clientEarly: false,
        vocative: 0,
        recap: false,
        lexicon: false,
        phrase: 0,
        uptake: false,
        titled: false,
        speakerName: false,
      }
      stats.set(key, st)
    }
    st.utterances.add(s.utteranceIndex)
    st.mentions++
    st.rarity = Math.max(st.rarity, rarity)
    st.count = Math.max(st.count, count)
    if (s.clinicianSide) st.clinician = true
    else st.other = true
    if (s.clinicianSide && s.question) st.asked = true
    if (!s.clinicianSide && s.within <= 1 && previousWasQuestion.has(s.utteranceIndex)) st.answered = true
    if (capital) st.capitalised++
    if (extra.noun) st.nounLike++
    if (s.numbers > 0 && !key.startsWith('#')) st.withNumber++
    if (!s.clinicianSide && reflectedAt.get(s.utteranceIndex + 1)?.has(key)) st.reflected = true
    if (!s.clinicianSide && clinicianStems.get(s.utteranceIndex + 1)?.has(key)) st.uptake = true
    if (extra.titled) st.titled = true
    if (extra.head && !s.clinicianSide && previousWasQuestion.has(s.utteranceIndex) && s.within === 0)
      st.answerHead = true
    if (!s.clinicianSide && s.position < 0.35) st.clientEarly = true
    if (extra.vocative) st.vocative++
    if (s.clinicianSide && s.utteranceIndex >= recapFrom) st.recap = true
    if (extra.lexicon) st.lexicon = true
    st.last = s.position
  }
  const lastUtterance = sentences.at(-1)?.utteranceIndex ?? 0
  const recapFrom = Math.floor(lastUtterance * 0.85)
  for (const s of sentences) {
    const lexicon = new Set<string>()
    for (const term of [...s.medications, ...s.measures]) for (const st of contentStems(term)) lexicon.add(st)
    for (const t of s.terms)
      add(t.stem, s, rarityOf(t.norm), frequencyOf(t.norm), t.capital, t.norm.length, {
        noun: t.afterDeterminer,
        head: t.index < 6,
        vocative: t.capital && isVocative(s.clean, t.norm),
        lexicon: lexicon.has(t.stem),
        titled: t.afterTitle,
      })
    for (const key of s.stems)
      if (key.startsWith('#')) add(key, s, 6, 0, false, 2, { noun: false, head: true })
  }
  // Two content words said side by side more than once make a phrase of the session ("wren house",
  // "group chat", "night guard"): the names of its topics.
  const bigrams = new Map<string, number>()
  for (const s of sentences)
    for (let i = 0; i + 1 < s.terms.length; i++)
      if (s.terms[i + 1]!.index === s.terms[i]!.index + 1) {
        const key = `${s.terms[i]!.stem} ${s.terms[i + 1]!.stem}`
        bigrams.set(key, (bigrams.get(key) ?? 0) + 1)
      }
  // Words of the speakers' labels: the people in the room, named throughout, rarely a fact.
  for (const label of new Set(sentences.map((x) => x.speaker)))
    for (const st of contentStems(label)) {
      const entry = stats.get(st)
      if (entry) entry.speakerName = true
    }
  for (const [key, n] of bigrams) {
    if (n < 2) continue
    const [a, b] = key.split(' ')
    for (const st of [a!, b!]) {
      const entry = stats.get(st)
      if (entry) entry.phrase = Math.max(entry.phrase, n)
    }
  }
  return stats
}

function features(key: string, st: ConceptStats): number[] {
  return [
    1,
    Math.log2(st.utterances.size),
    Math.log2(st.mentions),
    Math.min(Math.max(st.rarity - 3, 0), 5) / 2,
    st.count > 15_000 ? 1 : 0,
    st.clinician && st.other ? 1 : 0,
    st.asked ? 1 : 0,
    st.answered ? 1 : 0,
    CLINICAL_STEMS.has(key) ? 1 : 0,
    key.startsWith('#') ? 1 : 0,
    st.capitalised / st.mentions,
    st.first,
    st.last - st.first,
    !st.clinician ? 1 : 0,
    !st.other ? 1 : 0,
    st.length <= 3 ? 1 : 0,
    st.reflected ? 1 : 0,
    st.answerHead ? 1 : 0,
    st.nounLike / st.mentions,
    Math.min(st.withNumber, 3) / 3,
    st.clientEarly ? 1 : 0,
    st.vocative / st.mentions,
    st.last < 0.05 ? 1 : 0,
    Math.log10(st.count + 1) / 3,
    KIN.test(key) ? 1 : 0,
    st.recap ? 1 : 0,
    st.lexicon ? 1 : 0,
    Math.min(st.phrase, 4) / 4,
    st.uptake ? 1 : 0,
    st.titled ? 1 : 0,
    st.speakerName ? 1 : 0,
    CALENDAR.test(key) ? 1 : 0,
    /^#[0-3]$/.test(key) ? 1 : 0,
    (Math.log10(st.count + 1) / 3) ** 2,
    st.mentions === 1 ? 1 : 0,
  ]
}

/** Every concept of the session with its feature vector (for fitting and for scoring). */
export function conceptFeatureVectors(sentences: SessionSentence[]): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const [key, st] of conceptStats(sentences)) out.set(key, features(key, st))
  return out
}

/**
 * Weights of the concept model: a logistic regression fitted by `scripts/fit-salience.ts`,
 * labelling a concept positive when it occurs in a gold fact, intervention or plan keyword of the
 * sample sessions. Refit after changing features.
 */
export const CONCEPT_WEIGHTS: readonly number[] = [
  -1.701, // bias
  0.157, // utterances
  0.445, // mentions
  -0.231, // rarity
  -0.032, // common
  0.107, // shared
  0.372, // asked
  0.111, // answered
  0.508, // clinical
  0.473, // number
  0.088, // capitalised
  0.265, // firstMention
  -0.15, // spread
  -0.098, // clientOnly
  -0.009, // clinicianOnly
  0.023, // short
  0.051, // reflected
  0.108, // answerHead
  0.81, // noun
  0.064, // withNumber
  -0.022, // clientEarly
  -1.045, // vocative
  -0.739, // openingOnly
  -0.002, // logFrequency
  0.861, // kin
  0.499, // recap
  2.594, // lexicon
  1.244, // phrase
  0.013, // uptake
  0.761, // titled
  -1.525, // speakerName
  1.122, // calendar
  -0.351, // smallNumber
  -1.338, // rareSquared
  -0.281, // singleMention
]

/** For each concept of the session, the probability that a clinician's note carries it. */
export function conceptProbabilities(
  sentences: SessionSentence[],
  weights: readonly number[] = CONCEPT_WEIGHTS,
): Map<string, number> {
  const out = new Map<string, number>()
  for (const [key, f] of conceptFeatureVectors(sentences)) {
    let z = 0
    for (let i = 0; i < f.length; i++) z += (weights[i] ?? 0) * f[i]!
    out.set(key, 1 / (1 + Math.exp(-z)))
  }
  return out
}
