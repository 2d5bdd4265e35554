import { stemmer } from 'stemmer'
import { wordValue } from './numbers.js'

/** A word of the text with its character offsets. */
export interface Token {
  /** The word as written. */
  text: string
  /** Lower case, straight apostrophe. */
  norm: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:[-.][\p{L}\p{N}]+)*/gu

/** Straighten quotes and normalise spaces so that matching does not depend on typography. */
export function normalizeText(text: string): string {
  return text
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\u00a0/g, ' ')
}

/** Split text into word tokens with offsets; punctuation is not a token. */
export function tokenize(text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const raw = m[0].replace(/\.+$/, '')
    out.push({
      text: raw,
      norm: raw.toLowerCase().replace(/’/g, "'"),
      start: m.index,
      end: m.index + raw.length,
    })
  }
  return out
}

/** Count words the way a reader would (hyphenated words count once). */
export function countWords(text: string): number {
  let n = 0
  for (const _ of text.matchAll(WORD)) n++
  return n
}

/**
 * Function words and conversational filler. They carry no content, so they do not count when a
 * statement's overlap with its evidence is measured. Negations are deliberately NOT here.
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below
  between both but by can can't could couldn't did didn't do does doesn't doing don't down during each few for
  from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him
  himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most my myself
  of off on once only or other ought our ours ourselves out over own same she she'd she'll she's should so some
  such than that that's the their theirs them themselves then there there's these they they'd they'll they're
  they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what
  what's when when's where where's which while who who's whom why why's will with would you you'd you'll you're
  you've your yours yourself yourselves um uh uhm mm mhm hmm ah oh okay ok yeah yes yep like just really
  actually basically kind sort gonna wanna gotta got get gets getting thing things stuff know mean right well
  also still even maybe lot lots bit pretty something anything everything someone anyone everyone client
  clinician reported reports report stated states said says say told tell noted described describes discussed
  session today week`
    .split(/\s+/)
    .filter(Boolean),
)

/** Words that turn a statement into its opposite. Kept apart from STOPWORDS on purpose. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'no',
  'not',
  'never',
  'none',
  'nothing',
  'nobody',
  'neither',
  'nor',
  'without',
  'deny',
  'denies',
  'denied',
  'denying',
  "n't",
])

/** True when the token negates (including contractions such as "don't", "wasn't", "can't"). */
export function isNegationToken(norm: string): boolean {
  return NEGATIONS.has(norm) || norm.endsWith("n't") || norm === 'cannot'
}

/** Porter stem of a lower-case word (possessive "'s" dropped first). */
export function stem(norm: string): string {
  const base = norm.replace(/'s$/, '')
  return base.length <= 3 ? base : stemmer(base)
}

/** The stems of the content words of a text, in order (repeats kept). */
export function contentStems(text: string): string[] {
  const out: string[] = []
  for (const t of tokenize(normalizeText(text))) {
    if (STOPWORDS.has(t.norm) || isNegationToken(t.norm)) continue
    if (/^\d/.test(t.norm) || wordValue(t.norm) !== undefined) continue
    out.push(stem(t.norm))
  }
  return out
}

/** A literal string as a regular-expression source: every character that means something is escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
