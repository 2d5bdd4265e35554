import { findMedicationClasses, findMedications } from '../lexicon/index.js'
import { extractNumbers, isNegationToken, normalizeText, STOPWORDS, stem, tokenize } from '../text/index.js'
import { genericName } from './medications.js'
import { SHORTHAND, UNIT_CANON, WORD_CANON } from './vocabulary.js'

/** One word of an analysed text: its content stems and whether it sits inside a negation. */
export interface Word {
  /** The word as written. */
  text: string
  norm: string
  start: number
  end: number
  /** Content stems after synonymy (empty for stop words, negations and numbers; two for "SI"). */
  stems: string[]
  /** Inside an odd number of negation scopes ("not sleeping", "denied thoughts of ..."). */
  negated: boolean
  /** Inside a hedge ("I don't know if I slept"): polarity unknown. */
  hedged: boolean
  /** In a question: it asserts nothing until answered. */
  question: boolean
  sentence: number
  clause: number
}

/** A number with the unit that follows it ("95 mg", "four to five hours" gives 4 hour and 5 hour). */
export interface Quantity {
  value: number
  alternatives: number[]
  unit: string | undefined
  raw: string
}

/** Everything the checks need to know about one text, computed once. */
export interface TextAnalysis {
  readonly text: string
  readonly words: Word[]
  readonly stems: Set<string>
  readonly quantities: Quantity[]
  readonly medications: Set<string>
  readonly medicationClasses: Set<string>
  /** The text says no, not, never, denies … somewhere. */
  hasNegation: boolean
  /** A short opening answer ("No.", "Yeah, ...") that affirms or denies the question before it. */
  answer: 'yes' | 'no' | undefined
  question: boolean
}

// A negation's reach: "not"/"never" to the end of the clause; "deny" across a list to the end of the sentence.
type ScopeKind = 'clause' | 'deny' | 'hedge'

const DENY = new Set(['deny', 'denies', 'denied', 'denying'])
const CLAUSE_BREAKERS = new Set([
  'but',
  'and',
  'because',
  'cause',
  'so',
  'though',
  'although',
  'while',
  'whereas',
  'except',
  'unless',
  'until',
  'since',
  'when',
  'however',
  'yet',
])
const DENY_BREAKERS = new Set(['but', 'though', 'although', 'however', 'except', 'yet', 'whereas'])
const AFFIRMING = new Set([
  'reported',
  'reports',
  'endorsed',
  'endorses',
  'stated',
  'states',
  'admitted',
  'admits',
  'described',
  'describes',
  'acknowledged',
  'acknowledges',
])
// "I don't know", "not sure", "don't mind": uncertainty or indifference, not a denial of what follows.
const HEDGED_AFTER_NEGATION = new Set(['know', 'sure', 'mind', 'matter'])
// "I'm not like, cutting": a comma after a filler is a pause, not a clause boundary.
const SPOKEN_FILLERS = new Set(['like', 'um', 'uh', 'uhm', 'er', 'erm', 'hmm'])
const NO_ANSWERS = new Set(['no', 'nope', 'nah', 'never', 'none', 'nothing'])
const YES_ANSWERS = new Set(['yes', 'yeah', 'yep', 'yup', 'sometimes', 'definitely', 'absolutely', 'sure'])

// Stemming is the hot path of indexing a long transcript; a session has a few thousand distinct words.
const stemCache = new Map<string, string>()
function cachedStem(word: string): string {
  let s = stemCache.get(word)
  if (s === undefined) {
    s = stem(word)
    if (stemCache.size < 100_000) stemCache.set(word, s)
  }
  return s
}

function contentStemsOf(raw: string, norm: string): string[] {
  const short = SHORTHAND.get(raw)
  if (short !== undefined) return short.split(' ').map((w) => cachedStem(WORD_CANON.get(w) ?? w))
  if (STOPWORDS.has(norm) || isNegationToken(norm)) return []
  if (/^\d/.test(norm) || numberWord(norm)) return []
  // "self-harm" and "self harm" are the same words.
  if (norm.includes('-')) return norm.split('-').flatMap((part) => (part ? contentStemsOf(part, part) : []))
  // Units are compared with their numbers (numbers.ts); here "mg" and "milligrams" are one word.
  const unit = UNIT_CANON.get(norm)
  if (unit !== undefined) return [unit]
  if (TIME_MARKERS.has(norm)) return []
  const canon =
    WORD_CANON.get(norm) ?? (norm.endsWith("'s") ? WORD_CANON.get(norm.slice(0, -2)) : undefined) ?? norm
  return [cachedStem(canon)]
}

const NUMBER_WORDS = new Set(
  `zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
  seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
  once twice half dozen`.split(/\s+/),
)

// Time markers go with their numbers; "self" is the reflexive of "self-harm" ("hurt myself").
const TIME_MARKERS = new Set(['a.m', 'p.m', 'am', 'pm', "o'clock", 'self'])

function numberWord(norm: string): boolean {
  return NUMBER_WORDS.has(norm) || (norm.includes('-') && norm.split('-').every((p) => NUMBER_WORDS.has(p)))
}

interface Scope {
  kind: ScopeKind
  clause: number
  /** "denied that …": the whole complement is one proposition, so any negation in it flips. */
  complement?: boolean
}

/**
 * Whether a word is negated. A clause negation ("not", "never", "no") negates to the end of its
 * clause. "Denied" reaches across a list to the end of the sentence ("Denies SI, HI, no attempts");
 * a negation in the denial's own clause makes a double negative ("denied not sleeping").
 */
function isNegated(scopes: readonly Scope[]): boolean {
  const deny = scopes.find((s) => s.kind === 'deny')
  const clauseNegations = scopes.filter((s) => s.kind === 'clause')
  if (!deny) return clauseNegations.length > 0
  return !clauseNegations.some((s) => deny.complement || s.clause === deny.clause)
}

// "When asked whether X, client said: no." The question part is asked, not asserted.
const ASKED = /\bwhen asked\b([^:]*?),\s*[^,:]*?\b(?:said|replied|answered|responded|stated)\b/gi

function askedSpans(text: string): [number, number][] {
  return [...text.matchAll(ASKED)].map((m) => [m.index, m.index + 10 + m[1]!.length] as [number, number])
}

/** Tokenise, mark clauses and negation scopes, and collect stems. */
function analyseWords(text: string): Word[] {
  const tokens = tokenize(text)
  const words: Word[] = []
  let scopes: Scope[] = []
  let sentence = 0
  let clause = 0
  let prevEnd = 0
  const questions = new Set<number>()
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    const gap = text.slice(prevEnd, t.start)
    prevEnd = t.end
    for (const ch of gap) depth = ch === '(' ? depth + 1 : ch === ')' ? Math.max(0, depth - 1) : depth
    // A full stop inside a parenthesis or a quotation the sentence goes on after
    // ('denied X ("No. Never."), Y') ends the quotation, not the sentence.
    if (/[.!?]|\n\s*\n/.test(gap) && depth === 0 && !/[,;:)\]]\s*$/.test(gap)) {
      if (gap.includes('?')) questions.add(sentence)
      sentence++
      clause++
      scopes = []
    } else if (
      /[,;:()"]|\s-+\s/.test(gap) &&
      !(gap.trim() === ',' && SPOKEN_FILLERS.has(tokens[i - 1]?.norm ?? ''))
    ) {
      clause++
      scopes = /;/.test(gap) ? [] : scopes.filter((s) => s.kind === 'deny')
    }
    const norm = t.norm
    // "twelve hundred and forty" is one number, not two clauses.
    const inNumber =
      norm === 'and' && numberWord(tokens[i - 1]?.norm ?? '') && numberWord(tokens[i + 1]?.norm ?? '')
    if (CLAUSE_BREAKERS.has(norm) && !inNumber) {
      clause++
      scopes = scopes.filter((s) => s.kind === 'deny' && !DENY_BREAKERS.has(norm))
    }
    // "Denies panic attacks and reports worry": an affirming report ends the denial.
    if (AFFIRMING.has(norm)) scopes = scopes.filter((s) => s.kind !== 'deny')
    const word: Word = {
      text: t.text,
      norm,
      start: t.start,
      end: t.end,
      stems: [],
      negated: false,
      hedged: scopes.some((s) => s.kind === 'hedge'),
      question: false,
      sentence,
      clause,
    }
    words.push(word)
    if (isNegationToken(norm)) {
      const next = tokens[i + 1]?.norm
      if (DENY.has(norm)) scopes.push({ kind: 'deny', clause, complement: next === 'that' })
      else if (norm === 'no' && (next === 'matter' || next === 'problem' || next === 'way')) continue
      else if (next !== undefined && HEDGED_AFTER_NEGATION.has(next)) scopes.push({ kind: 'hedge', clause })
      else scopes.push({ kind: 'clause', clause })
      continue
    }
    word.stems = contentStemsOf(t.text, norm)
    word.negated = isNegated(scopes)
  }
  if (text.slice(prevEnd).includes('?')) questions.add(sentence)
  const asked = askedSpans(text)
  for (const w of words)
    w.question = questions.has(w.sentence) || asked.some(([a, b]) => w.start >= a && w.end <= b)
  return words
}

function answerOf(words: Word[]): 'yes' | 'no' | undefined {
  const first = words[0]
  if (!first) return undefined
  const opening = words.filter((w) => w.clause === first.clause)
  if (opening.length > 3) return undefined
  if (NO_ANSWERS.has(first.norm)) return 'no'
  if (first.norm === 'not' && (words[1]?.norm === 'really' || words[1]?.norm === 'at')) return 'no'
  if (YES_ANSWERS.has(first.norm)) return 'yes'
  return undefined
}

const RANGE_GAP = /^\s*(?:to|or|and|-|–)\s*$/i
const UNIT_AFTER = /^\s*(%|[a-z]+(?:\/[a-z]+)?)/i
// "one" as a pronoun ("the one", "no one", "one of them") is not a count.
const PRONOUN_ONE_BEFORE =
  /\b(?:the|that|this|no|each|every|which|any|another|only|little|other|last|next|a)\s+$/i
const IGNORED_NUMBER_WORDS = new Set(['first', 'second', 'half'])

// "a six-pack", "a two-week hold": the number stands apart from the word it is joined to.
function separateNumberCompounds(text: string): string {
  if (!text.includes('-')) return text
  return text.replace(/(?<=([A-Za-z]+))-(?=([A-Za-z]+))/g, (dash, left: string, right: string) =>
    NUMBER_WORDS.has(left.toLowerCase()) && NUMBER_WORDS.has(right.toLowerCase()) ? dash : ' ',
  )
}

/** Numbers with their units; ranges ("four to five hours") share the unit after the last number. */
export function quantitiesOf(raw: string): Quantity[] {
  const text = separateNumberCompounds(raw)
    // A blank line ends a sentence: "fifty\n\nfive" is two numbers, as splitSentences reads it.
    .replace(/\n(?=[^\S\n]*\n)/g, '.')
    // text/numbers.ts looks words up with `in`, so "constructor" reads as a number (NaN); mask it.
    .replace(/\bconstructor\b/gi, (m) => 'x'.repeat(m.length))
  const mentions = extractNumbers(text).filter((m) => {
    if (!Number.isFinite(m.value)) return false
    const raw = m.raw.toLowerCase()
    if (IGNORED_NUMBER_WORDS.has(raw)) return false
    if (
      raw === 'one' &&
      (PRONOUN_ONE_BEFORE.test(text.slice(0, m.start)) || /^\s+of\b/i.test(text.slice(m.end)))
    )
      return false
    return true
  })
  const units: (string | undefined)[] = mentions.map((m) => {
    if (text[m.start - 1] === '$') return 'dollar'
    const after = UNIT_AFTER.exec(text.slice(m.end))?.[1]?.toLowerCase()
    if (after === 'y/o') return 'year'
    return after === undefined ? undefined : UNIT_CANON.get(after)
  })
  for (let i = mentions.length - 2; i >= 0; i--) {
    const gap = text.slice(mentions[i]!.end, mentions[i + 1]!.start)
    if (units[i] === undefined && RANGE_GAP.test(gap)) units[i] = units[i + 1]
  }
  return mentions.map((m, i) => ({
    value: m.value,
    alternatives: m.alternatives,
    unit: units[i],
    raw: m.raw,
  }))
}

/** Call `visit` with each content stem of a text, without the rest of the analysis (for weighting words over a session). */
export function forEachStem(raw: string, visit: (stem: string) => void): void {
  for (const t of tokenize(normalizeText(raw))) {
    if (isNegationToken(t.norm)) continue
    for (const s of contentStemsOf(t.text, t.norm)) visit(s)
  }
}

/** Generic names of the medications a text names. */
export function medicationsIn(text: string): Set<string> {
  return new Set(findMedications(text).map((m) => genericName(m.term)))
}

/** Analyse a statement, an utterance or a clinician-input text. */
export function analyseText(raw: string): TextAnalysis {
  const text = normalizeText(raw)
  const words = analyseWords(text)
  const stems = new Set<string>()
  for (const w of words) for (const s of w.stems) stems.add(s)
  // Numbers and medications are looked up only for cited evidence and statements, not for every
  // utterance of a long transcript, so they are computed on first use.
  let quantities: Quantity[] | undefined
  let medications: Set<string> | undefined
  let medicationClasses: Set<string> | undefined
  return {
    text,
    words,
    stems,
    get quantities() {
      quantities ??= quantitiesOf(text)
      return quantities
    },
    get medications() {
      medications ??= medicationsIn(text)
      return medications
    },
    get medicationClasses() {
      medicationClasses ??= new Set(findMedicationClasses(text).map((m) => m.term))
      return medicationClasses
    },
    answer: answerOf(words),
    hasNegation: words.some((w) => isNegationToken(w.norm)),
    question: /\?\s*["')\]]*\s*$/.test(text) || /\?/.test(text.slice(-80)),
  }
}
