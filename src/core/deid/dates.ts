import { wordValue } from '../text/index.js'
import type { Candidate } from './deid.schema.js'
import { PRIORITY } from './patterns.js'

/** Every match of a global pattern (an array: cheaper than a generator on the hot path). */
function matches(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = []
  re.lastIndex = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push(m)
    if (m[0].length === 0) re.lastIndex++
  }
  return out
}

function date(start: number, end: number): Candidate {
  return { start, end, type: 'date', priority: PRIORITY.date }
}

const MONTH =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?'
const ORDINAL_WORD =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first'
const DAY_NUM = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?'
const DAY = `(?:${DAY_NUM}|(?:the\\s+)?(?:${ORDINAL_WORD})|(?:twenty|thirty)[- ](?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty)`
const UNIT_W = 'one|two|three|four|five|six|seven|eight|nine'
const NUM_1_99 = `(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:${UNIT_W}))?|oh[- ](?:${UNIT_W})|${UNIT_W})`
const YEAR = `(?:(?:1[89]|20)\\d\\d|'\\d\\d|(?:nineteen|twenty)[- ]${NUM_1_99}|two thousand(?:[- ]and)?(?:[- ]${NUM_1_99})?)`

// "March 14th, 1986", "March twelfth", "October 2nd", "March the 9th", "Jan. 5 '19", "March" alone.
const MONTH_FIRST = new RegExp(
  `\\b(?:${MONTH})(?![\\w])(?:,?\\s+(?:the\\s+)?${DAY}(?![\\w-]))?(?:,?\\s+(?:of\\s+)?${YEAR}(?![\\w-]))?`,
  'g',
)
// "14 March 1986", "the 14th of March", "fourteenth of March": read back from each month found.
const DAY_BEFORE = new RegExp(`\\b(?:the\\s+)?(?:${DAY_NUM}|${ORDINAL_WORD})(?:\\s+of)?\\s+$`, 'i')
const YEAR_AFTER = new RegExp(`^(?:${MONTH})(?![\\w])(?:,?\\s+${YEAR}(?![\\w-]))?`)
// "4/11/1979", "03-14-86", "2000-04-16 11:34:35", "14.03.1986".
const NUMERIC =
  /(?<![\w/.-])(?:\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2}))(?![\w/-]|\.\d)/g
// "on 4/11", "since 10/2": a year-less numeric date needs a date word before it; "7/10" is a rating.
const SHORT_NUMERIC =
  /\b(on|since|by|until|till|from|before|after|dated|dob|born|due|through|thru)\s+(\d{1,2})\/(\d{1,2})(?![\w/]|\.\d)/gi

const MODAL_MAY = /^May\s+(I|we|you|he|she|it|they|be|have|not|also|never|well|God|the Lord)\b/
const VERB_MARCH =
  /^March(?:ed|es|ing)?\s+(in|on|up|down|out|off|over|into|to|through|them|him|her|me|us|it)\b/i

function validDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

/** Months with or without a day and year. A month tied to a person's life is a date element (Safe Harbor). */
export function findMonthDates(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(MONTH_FIRST, text)) {
    const rest = text.slice(m.index, m.index + 40)
    const day = DAY_BEFORE.exec(text.slice(Math.max(0, m.index - 30), m.index))
    if (day) {
      const withYear = YEAR_AFTER.exec(rest)
      out.push(date(m.index - day[0].length, m.index + (withYear ? withYear[0].length : m[0].length)))
      continue
    }
    if (m[0] === 'May' && (MODAL_MAY.test(rest) || text[m.index + 3] === "'")) continue
    if (m[0].startsWith('March') && VERB_MARCH.test(rest)) continue
    // "Dec" or "Mar" alone, without a day, is too often a name or a word.
    if (/^(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?$/.test(m[0])) continue
    out.push(date(m.index, m.index + m[0].length))
  }
  return out
}

/** Numeric dates with a year (validated month and day), and year-less ones after a date word. */
export function findNumericDates(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(NUMERIC, text)) {
    const parts = m[0].split(/[/.\- T:]/).map(Number)
    const [a, b, c] = parts as [number, number, number]
    const ok = m[0].length >= 8 && /^\d{4}-/.test(m[0]) ? validDay(b, c) : validDay(a, b) || validDay(b, a)
    if (ok) out.push(date(m.index, m.index + m[0].length))
  }
  if (text.includes('/'))
    for (const m of matches(SHORT_NUMERIC, text)) {
      const month = Number(m[2])
      const day = Number(m[3])
      if (!validDay(month, day) || day === 10) continue
      const start = m.index + m[0].length - `${m[2]}/${m[3]}`.length
      out.push(date(start, m.index + m[0].length))
    }
  return out
}

// "the nineteenth", "on the third?", "by the 17th" — an ordinal standing for a day of the month.
const THE_ORDINAL = new RegExp(
  `\\b(?:the)\\s+((?:${ORDINAL_WORD})|(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th))\\b`,
  'gi',
)
const DATE_PREPS =
  /\b(on|by|since|from|until|till|before|after|around|about|through|thru|of|for|is|was|til)\s*$/i
// What may follow a day-of-month ordinal: end of clause, a conjunction, a verb, a pronoun, a time.
const AFTER_DAY =
  /^(?:\s*$|\s*[.,;:!?)"”'’\]—–-]|\s+(?:and|or|but|so|when|then|because|at|in|is|was|wasn't|isn't|will|would|I|you|he|she|we|they|it|that|which|if|right|too|either|though|or so|did|does|do|made|makes|has|had|have|came|comes|went|goes|got|gets|felt|left|happened|showed|can|could|should|might|must|\w+ed|in the morning|of (?:this|next|last|the) month)\b)/i

/**
 * Days of the month said as ordinals ("the nineteenth", "the 17th"). "The third floor" and "the
 * first time" are not dates: the ordinal must end its phrase, and "first"/"second" also need a
 * date word ("on the first") because they are so common as plain ordinals.
 */
export function findOrdinalDays(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(THE_ORDINAL, text)) {
    const ord = m[1]!
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 30)
    if (!AFTER_DAY.test(after)) continue
    const value = /^\d/.test(ord) ? Number.parseInt(ord, 10) : wordValue(ord.replace(' ', '-'))
    if (value === undefined || value < 1 || value > 31) continue
    const pre = text.slice(Math.max(0, m.index - 15), m.index)
    if (value <= 2 && !DATE_PREPS.test(pre)) continue
    out.push(date(m.index, m.index + m[0].length))
  }
  return out
}

const NUMBER_WORDS = new Set([
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'oh',
])
const SPOKEN_TRIPLE =
  /\b([A-Za-z]+)[ ,-]+([A-Za-z]+(?:-[A-Za-z]+)?)[ ,-]+((?:nineteen |twenty |two thousand (?:and )?)?(?:oh[ -])?[A-Za-z]+(?:-[A-Za-z]+)?)\b/g
const BIRTH_CUES = /\b(?:birth|born|dob|d\.o\.b|birthday|date)\b/gi

/**
 * Dates read as numbers, "Three fourteen eighty-six" (3/14/86). Only after a birth or date cue:
 * three number words in a row are otherwise ordinary talk.
 */
export function findSpokenNumericDates(text: string): Candidate[] {
  const out: Candidate[] = []
  BIRTH_CUES.lastIndex = 0
  let searchedTo = 0
  for (let cue = BIRTH_CUES.exec(text); cue !== null; cue = BIRTH_CUES.exec(text)) {
    // Look only in the stretch after a birth or date cue.
    const from = Math.max(cue.index + cue[0].length, searchedTo)
    const to = Math.min(text.length, cue.index + 160)
    if (from >= to) continue
    searchedTo = to
    out.push(...spokenDatesIn(text, from, to))
  }
  return out
}

function spokenDatesIn(text: string, from: number, to: number): Candidate[] {
  const out: Candidate[] = []
  const window = text.slice(from, to)
  SPOKEN_TRIPLE.lastIndex = 0
  for (let m = SPOKEN_TRIPLE.exec(window); m !== null; m = SPOKEN_TRIPLE.exec(window)) {
    const [, a, b, c] = m as unknown as [string, string, string, string]
    // Matches overlap: on a miss, start again at the next word rather than after the three.
    SPOKEN_TRIPLE.lastIndex = m.index + a.length + 1
    if (!NUMBER_WORDS.has(a.toLowerCase())) continue
    const month = a.toLowerCase() === 'oh' ? undefined : wordValue(a)
    const day = wordValue(b.replace(/^oh-/i, ''))
    const yearWords = c
      .toLowerCase()
      .replace(/^(nineteen|twenty|two thousand (and )?)\s*/, '')
      .replace(/^oh[ -]/, '')
    const year = wordValue(yearWords)
    if (month === undefined || day === undefined || year === undefined) continue
    if (!validDay(month, day) || year < 0 || year > 99) continue
    out.push(date(from + m.index, from + m.index + m[0].length))
    SPOKEN_TRIPLE.lastIndex = m.index + m[0].length
  }
  return out
}

/** Every date element more precise than a year. */
export function findDates(text: string): Candidate[] {
  const out = findMonthDates(text)
  // Numeric dates need a digit; the scan starts with a lookbehind, so skip it on texts without any.
  if (/\d/.test(text)) for (const c of findNumericDates(text)) out.push(c)
  for (const c of findOrdinalDays(text)) out.push(c)
  for (const c of findSpokenNumericDates(text)) out.push(c)
  return out
}
