import { idiomSpans } from './idioms.js'
import type { PreparedSentence } from './prepare.js'
import { RISK_EXPRESSIONS, type RiskExpression } from './risk-lexicon.js'
import { isPersonPhrase, type PersonRef } from './subject.js'

/** A risk expression found in a sentence; offsets are into the utterance text. */
export interface RiskMatch {
  expression: RiskExpression
  start: number
  end: number
  /** The object noun phrase (victim or target), when the expression has one. */
  object?: { phrase: string; original: string; start: number }
}

/**
 * Every expression matched on lower-cased text, each as a plain test (no global state): most
 * sentences of a session hold none, and these tests tell so before any match is collected. (One
 * union of all 55 patterns was tried: V8 runs a 24,000-character alternation about ten times
 * slower than the 55 patterns one after another, `npx tsx scripts/dev/risk-prefilter.ts`.)
 */
const LOWER_TESTS = RISK_EXPRESSIONS.filter((e) => !e.cased).map(
  (e) => new RegExp(e.pattern.source, e.pattern.flags.replace(/[gy]/g, '')),
)

/** Find the risk expressions of one sentence, leaving out idioms and non-person objects. */
export function matchSentence(sentence: PreparedSentence, inQuestion: boolean): RiskMatch[] {
  let idioms: Array<[number, number]> | undefined
  const out: RiskMatch[] = []
  const anyLower = LOWER_TESTS.some((re) => re.test(sentence.lower))
  for (const expression of RISK_EXPRESSIONS) {
    if (!expression.cased && !anyLower) continue
    if (expression.scope === 'question' && !inQuestion) continue
    if (expression.gate && !expression.gate.test(sentence.lower)) continue
    const text = expression.cased ? sentence.original : sentence.lower
    for (const m of text.matchAll(expression.pattern)) {
      const start = m.index
      const end = start + m[0].length
      idioms ??= idiomSpans(sentence.lower)
      if (idioms.some(([a, b]) => a < end && start < b)) continue
      let object: RiskMatch['object']
      const obj = m.groups?.obj
      if (obj !== undefined) {
        const at = start + m[0].lastIndexOf(obj)
        const original = sentence.original.slice(at, at + obj.length)
        object = { phrase: obj, original, start: sentence.start + at }
        if (expression.personObject && !acceptsObject(expression, obj, original)) continue
      }
      out.push({
        expression,
        start: sentence.start + start,
        end: sentence.start + end,
        ...(object ? { object } : {}),
      })
    }
  }
  // Longer, specific matches win over the topic words they contain ("suicide plan" over "plan").
  return out.filter(
    (m) =>
      !out.some(
        (o) =>
          o !== m &&
          o.start <= m.start &&
          o.end >= m.end &&
          o.end - o.start > m.end - m.start &&
          (m.expression.target === 'context' || o.expression.target !== 'context'),
      ),
  )
}

function acceptsObject(expression: RiskExpression, phrase: string, original: string): boolean {
  const first = phrase.split(/\s+/)[0] ?? ''
  // Harm to oneself or one's own group is not harm to others ("he was going to kill us all").
  if (expression.target === 'other' && /^(?:me|us|myself|ourselves)$/.test(first)) return false
  if (expression.target === 'act' && /^(?:me|us)$/.test(first)) return true
  return isPersonPhrase(phrase, original.split(/\s+/)[0] ?? '')
}

const SELF_WORDS = /\b(?:i|me|my|myself|i'm|i'd|i've|i'll|mine|we|our|ourselves)\b/
const YOU_WORDS = /\b(?:you|your|yourself|yourselves|you're|you'd|you've)\b/
const THIRD_WORDS = /\b(?:he|she|him|his|her|himself|herself|themselves|they|their|them)\b/

const SUBJECT_SELF = new Set(['i', "i'm", "i'd", "i've", "i'll", 'we', "we're", "we'd", "we've"])
const SUBJECT_YOU = new Set(['you', "you're", "you'd", "you've", "you'll"])
const OBJECT_THIRD = new Set(['him', 'her', 'them'])
const SUBJECT_THIRD = new Set([
  'who',
  'he',
  'she',
  'they',
  "he's",
  "she's",
  "he'd",
  "she'd",
  "they're",
  "they'd",
  'pt',
  'patient',
  'client',
  'everyone',
  'everybody',
  'someone',
  'somebody',
  'nobody',
])
const THINGS = new Set(['it', "it's", 'that', 'this', 'reality', 'life', 'work', 'news'])

/** The nearest subject before `pos` in the lower/original text (scanning back no further than `floor`). */
export function subjectBefore(
  lower: string,
  original: string,
  pos: number,
  floor: number,
): PersonRef | 'thing' | undefined {
  const region = lower.slice(floor, pos)
  const tokens = [...region.matchAll(/[a-z][a-z'-]*/g)]
  for (let k = tokens.length - 1; k >= 0; k--) {
    const t = tokens[k]!
    const tok = t[0]
    const at = floor + t.index
    if (SUBJECT_SELF.has(tok)) return { kind: 'self' }
    if (SUBJECT_YOU.has(tok)) return { kind: 'addressee' }
    if (SUBJECT_THIRD.has(tok)) return { kind: 'other', phrase: tok.replace(/'.*$/, '') }
    if (THINGS.has(tok) && k === tokens.length - 1) return 'thing'
    // "stop him from hitting", "told her to kill": a pronoun just before the verb phrase is its doer.
    if (OBJECT_THIRD.has(tok) && k >= tokens.length - 3) return { kind: 'other', phrase: tok }
    const word = original.slice(at, at + tok.length)
    const prev = tokens[k - 1]?.[0]
    if (prev && /^(?:my|his|her|their|your|our|the|a)$/.test(prev) && isPersonPhrase(`${prev} ${tok}`, word))
      return { kind: 'other', phrase: `${prev} ${tok}` }
    if (/^[A-Z][a-z'.-]+$/.test(word) && isPersonPhrase(tok, word.replace(/'s$/, ''))) {
      // A possessive name ("June's medicine") is not the subject.
      if (/'s$/.test(word)) continue
      return { kind: 'other', phrase: tok }
    }
  }
  return undefined
}

/** Whose body a self-directed expression is about, from its own words ("myself", "yourself", "himself"). */
export function selfPersonIn(text: string): PersonRef | undefined {
  if (SELF_WORDS.test(text)) return { kind: 'self' }
  if (YOU_WORDS.test(text)) return { kind: 'addressee' }
  const third = THIRD_WORDS.exec(text)
  if (third) return { kind: 'other', phrase: third[0] }
  return undefined
}
