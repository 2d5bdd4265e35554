import { wordValue } from '../text/index.js'
import type { Candidate, PhiType } from './deid.schema.js'
import type { Word } from './tokens.js'

/** Overlap priorities: a validated pattern beats a context guess, which beats a lexicon guess. */
export const PRIORITY = { known: 100, pattern: 90, context: 85, date: 80, place: 60, name: 50, generic: 40 }

function candidate(start: number, end: number, type: PhiType, priority: number): Candidate {
  return { start, end, type, priority }
}

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

/** The lower-case text just before `index` (a context window for cue words). */
function before(text: string, index: number, width = 40): string {
  return text.slice(Math.max(0, index - width), index).toLowerCase()
}

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g

/** Email addresses. */
export function findEmails(text: string): Candidate[] {
  if (!text.includes('@')) return []
  return [...matches(EMAIL, text)].map((m) =>
    candidate(m.index, m.index + m[0].length, 'email', PRIORITY.pattern),
  )
}

const URL_RE =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'`]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|us|info|biz|me|app|example|health)(?:\/[^\s<>"'`]*)?(?![\w@.-])/gi

/** URLs and bare web domains (not the domain part of an email). */
export function findUrls(text: string): Candidate[] {
  const out: Candidate[] = []
  if (!URL_HINT.test(text)) return out
  for (const m of matches(URL_RE, text)) {
    if (text[m.index - 1] === '@' || /[\w.-]/.test(text[m.index - 1] ?? '')) continue
    // Sentence punctuation after a URL is not part of it.
    const raw = m[0].replace(/[.,;:!?)\]}]+$/, '')
    out.push(candidate(m.index, m.index + raw.length, 'url', PRIORITY.pattern))
  }
  return out
}

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)/g
const IPV4_HINT = /\d\.\d{1,3}\.\d{1,3}\.\d/
const IPV6_HINT = /::|:[0-9a-f]{1,4}:[0-9a-f]{1,4}:[0-9a-f]{1,4}:/i
const URL_HINT = /:\/\/|www\.|\.(?:com|org|net|edu|gov|io|co|us|info|biz|me|app|example|health)\b/i
const IPV6 = /(?<![\w:.])(?=[0-9a-f]{0,4}:)(?:[0-9a-f]{1,4}|:)(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi

/** IPv4 addresses (every octet 0-255) and IPv6 addresses (at least five groups or a "::"). */
export function findIps(text: string): Candidate[] {
  const out: Candidate[] = []
  if (IPV4_HINT.test(text))
    for (const m of matches(IPV4, text)) {
      if (m[0].split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0'))))
        out.push(candidate(m.index, m.index + m[0].length, 'ip', PRIORITY.pattern))
    }
  if (IPV6_HINT.test(text))
    for (const m of matches(IPV6, text)) {
      const groups = m[0].split(':').filter(Boolean)
      const compressed = (m[0].match(/::/g) ?? []).length
      // Timestamps ("01:02:49") also look like hex groups; an address has "::" or 5+ groups with a letter.
      if (compressed > 1 || groups.some((g) => g.length > 4)) continue
      if ((compressed === 1 && groups.length >= 2) || (groups.length >= 5 && /[a-f]/i.test(m[0])))
        out.push(candidate(m.index, m.index + m[0].length, 'ip', PRIORITY.pattern))
    }
  return out
}

/** SSA rules: no area 000, 666 or 900-999, no group 00, no serial 0000 (987-65-4320..9 is the advertising range). */
export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false
  if (/^98765432\d$/.test(digits)) return true
  const area = Number(digits.slice(0, 3))
  const group = digits.slice(3, 5)
  const serial = digits.slice(5)
  return area !== 0 && area !== 666 && area < 900 && group !== '00' && serial !== '0000'
}

const SSN = /(?<![\w-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\w-])|(?<![\w-])(\d{9})(?![\w-])/g

/** Social Security numbers: dashed or spaced always, nine bare digits only with an SSN cue nearby. */
export function findSsns(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(SSN, text)) {
    const digits = m[0].replace(/\D/g, '')
    if (!isValidSsn(digits)) continue
    if (m[5] !== undefined && !/\b(ssn|social|security)\b/.test(before(text, m.index, 50))) continue
    out.push(candidate(m.index, m.index + m[0].length, 'ssn', PRIORITY.pattern))
  }
  return out
}

/** The Luhn checksum that every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return digits.length > 0 && sum % 10 === 0
}

const CARD = /(?<![\w-])\d(?:[ -]?\d){11,18}(?![\w-])/g

/** Payment card numbers (12-19 digits passing Luhn), typed `account`. */
export function findCards(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(CARD, text)) {
    const digits = m[0].replace(/\D/g, '')
    if (luhnValid(digits)) out.push(candidate(m.index, m.index + m[0].length, 'account', PRIORITY.pattern))
  }
  return out
}

const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/gi

/** IBAN mod-97 check. */
export function ibanValid(raw: string): boolean {
  const s = raw.replace(/\s/g, '').toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false
  const moved = s.slice(4) + s.slice(0, 4)
  let rem = 0
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55)
    for (const d of v) rem = (rem * 10 + Number(d)) % 97
  }
  return rem === 1
}

/** Bank account numbers in IBAN form (checksum validated). */
export function findIbans(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(IBAN, text))
    if (ibanValid(m[0])) out.push(candidate(m.index, m.index + m[0].length, 'account', PRIORITY.pattern))
  return out
}

// A run of digit groups: "(208) 555-0143", "+46 (0)8 928 571 38", "07700 063 966", "5520-8813".
const DIGIT_RUN =
  /(?<![\w.:/$-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?(?:\(0\)[ ]?)?\d{1,15}(?:[ .-]\d{1,10}){0,5}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w$%]|[.:/-]\d|,\d{3})/g

const PHONE_CUE = /\b(phone|cell|mobile|call|text|number|tel|landline|reach|contact)\b/
const FAX_CUE = /\bfax\b/
const YEAR = /^(1[89]|20)\d\d$/

function looksLikePhone(raw: string, digits: string): boolean {
  if (/^\+|^\(|x|ext/.test(raw)) return digits.length >= 7
  if (/^\d{3}[ .-]\d{3}[ .-]\d{4}$/.test(raw) || /^\d{3}[ .-]\d{4}$/.test(raw)) return true
  return digits.length >= 9 && digits.length <= 12 && digits.startsWith('0')
}

/**
 * Phone and fax numbers, and other long digit identifiers (7+ digits in groups). Years, times,
 * decimals, money and percentages are excluded by shape; a number's type comes from its cue words.
 */
export function findDigitRuns(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(DIGIT_RUN, text)) {
    const raw = m[0]
    const digits = raw.replace(/\D/g, '')
    if (digits.length < 6) continue
    const groups = raw.split(/[^\d]+/).filter(Boolean)
    // "in 2019 2020" or "5 10 15 20" are lists of numbers, not one identifier.
    if (groups.every((g) => YEAR.test(g))) continue
    if (/ /.test(raw) && !/^[+(]/.test(raw) && (groups[0]!.length < 2 || groups.every((g) => g.length <= 2)))
      continue
    if (digits.length === 6 && groups.length > 1) continue
    const ctx = before(text, m.index, 30)
    const type: PhiType = FAX_CUE.test(ctx)
      ? 'fax'
      : looksLikePhone(raw, digits) || PHONE_CUE.test(ctx)
        ? 'phone'
        : 'other'
    out.push(
      candidate(m.index, m.index + raw.length, type, type === 'other' ? PRIORITY.generic : PRIORITY.pattern),
    )
  }
  return out
}

const ID_CUES: [RegExp, PhiType][] = [
  [
    /\b(mrn|medical record(?: number| no\.?| #)?|chart (?:number|no\.?|#)|record number|patient id)\b/i,
    'mrn',
  ],
  [
    /\b(member(?: id| number| no\.?| #)?|subscriber(?: id| number)?|policy(?: number| no\.?| #)|group (?:number|no\.?|#)|insurance (?:id|number)|medicaid(?: id| number)?|medicare(?: id| number)?|plan id)\b/i,
    'member_id',
  ],
  [
    /\b(account(?: number| no\.?| #)?|acct\.?(?: no\.?| #)?|routing(?: number)?|claim (?:number|no\.?|#))\b/i,
    'account',
  ],
  [
    /\b(driver'?s licen[cs]e|licen[cs]e(?: number| no\.?| #)?|dl(?: number| #)?|permit (?:number|no\.?|#))\b/i,
    'license',
  ],
  [/\b(licen[cs]e plate|plate(?: number)?|tags?)\b/i, 'plate'],
  [
    /\b(serial(?: number| no\.?| #)?|device(?: id| number)?|imei|mac address|udid|pacemaker|implant id)\b/i,
    'device',
  ],
  [
    /\b(employee(?: id| number| no\.?| #)?|badge(?: number| #)?|case(?: number| no\.?| #)|student(?: id| number)|inmate(?: number)?|docket(?: number)?|passport(?: number)?|id(?: number| no\.?| #)?)\b/i,
    'other',
  ],
]

// An identifier token after a cue: "CMX448120937", "00482217", "5520-8813", "H-F-S 20917", "7KRM214".
const ID_TOKEN =
  /(?<![\w-])(?:(?:[A-Z]-){1,5}[A-Z][ -]?\d{2,}|[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){3,24})(?![\w-])/gi
// Between cue and value only a few lower-case words may stand ("MRN with us is 00482217").
const CUE_GAP = /^[\s,:#=()'-]*(?:[a-z']+[\s,:#=()-]+){0,5}$/

// All cues in one scan; the capture group that matched tells the type.
const ID_CUE_ALL = new RegExp(
  `\\b(?:${ID_CUES.map(([cue]) => `(${cue.source.slice(3, -3)})`).join('|')})\\b`,
  'gi',
)

/** Identifiers introduced by a cue word: MRN, member ID, account, licence, plate, serial, employee ID. */
export function findCuedIds(text: string): Candidate[] {
  const out: Candidate[] = []
  for (const m of matches(ID_CUE_ALL, text)) {
    const type = ID_CUES[m.slice(1).findIndex((g) => g !== undefined)]![1]
    const restStart = m.index + m[0].length
    const rest = text.slice(restStart, restStart + 60)
    let start = -1
    let value = ''
    for (const v of matches(ID_TOKEN, rest)) {
      if (!CUE_GAP.test(rest.slice(0, v.index))) break
      if ((v[0].match(/\d/g) ?? []).length < 2) continue
      start = restStart + v.index
      value = v[0]
      break
    }
    if (start < 0) continue
    out.push(candidate(start, start + value.length, type, PRIORITY.context))
  }
  return out
}

/** [0-9] by character code. */
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}
/** [A-Za-z0-9-] by character code. */
function isIdChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 45
}
const UNIT_SUFFIX =
  /^\d+(?:mg|mcg|ml|g|kg|lbs?|cc|hrs?|mins?|am|pm|st|nd|rd|th|k|s|x|mph|km|mi|ft|in|oz|yo|yr|yrs|gb|mb|tb|hz|mm|cm|m|d|w|mo|q\d*)$/i

/** Mixed letter-digit identifiers with at least three digits ("7KRM214", "CMX448120937"): plates, member ids. */
export function findMixedIds(text: string): Candidate[] {
  const out: Candidate[] = []
  // Digits are rarer than letters: start from each digit and grow to the whole token. A character
  // loop, not a /\d+/ scan: transcripts hold thousands of timestamp digits, each a token too short.
  for (let i = 0; i < text.length; i++) {
    if (!isDigit(text.charCodeAt(i))) continue
    let start = i
    let end = i + 1
    while (start > 0 && isIdChar(text.charCodeAt(start - 1))) start--
    while (end < text.length && isIdChar(text.charCodeAt(end))) end++
    // text[end] is no digit: the next token starts after it.
    i = end
    if (end - start < 5) continue
    const raw = text.slice(start, end)
    // Same token rule as before: letters and digits, inner dashes only, not glued to "_".
    if (raw.startsWith('-') || raw.endsWith('-') || raw.includes('--') || !/[A-Za-z]/.test(raw)) continue
    if (text[start - 1] === '_' || text[end] === '_') continue
    const digits = (raw.match(/\d/g) ?? []).length
    if (digits < 3 || UNIT_SUFFIX.test(raw)) continue
    // Measure and code names ("PHQ-9", "COVID-19", "F41.1") have few digits; decades ("1990s") are not ids.
    if (/^\d{4}s$/.test(raw) || /^[A-Za-z]+-\d{1,2}$/.test(raw)) continue
    const ctx = before(text, start, 30)
    const type: PhiType = /\b(plate|tag)s?\b/.test(ctx) ? 'plate' : 'other'
    out.push(candidate(start, end, type, PRIORITY.generic))
  }
  return out
}

// A Map, not an object: looking a word up as a property name would first intern the string.
const DIGIT_WORDS: ReadonlyMap<string, string> = new Map([
  ['zero', '0'],
  ['oh', '0'],
  ['o', '0'],
  ['one', '1'],
  ['two', '2'],
  ['three', '3'],
  ['four', '4'],
  ['five', '5'],
  ['six', '6'],
  ['seven', '7'],
  ['eight', '8'],
  ['nine', '9'],
])

/** The digits a spoken token stands for ("oh" → "0", "forty-three" → "43", "double five" handled by caller). */
function spokenDigits(word: string): string | undefined {
  const w = word.toLowerCase()
  const digit = DIGIT_WORDS.get(w)
  if (digit !== undefined) return digit
  if (/^\d{1,4}$/.test(w)) return w
  const v = wordValue(w)
  if (v !== undefined && Number.isInteger(v) && v >= 10 && v < 100 && !/(th|st|nd|rd)$/.test(w))
    return String(v)
  return undefined
}

/**
 * Numbers read aloud digit by digit: "two oh eight, five five five, oh one four three". Needs seven
 * or more digits; a count up or down ("one, two, three, four ...") is an exercise, not a number.
 */
export function findSpokenNumbers(text: string, ws: readonly Word[]): Candidate[] {
  const out: Candidate[] = []
  let i = 0
  while (i < ws.length) {
    if (!mayBeNumberWord(ws[i]!.lower)) {
      i++
      continue
    }
    // Collect the run of number words starting here; "two-oh-eight" counts as three.
    let j = i
    const digits: string[] = []
    const values: number[] = []
    while (j < ws.length) {
      const w = ws[j]!
      if (j > i && !RUN_GAP.test(text.slice(ws[j - 1]!.end, w.start))) break
      if ((w.lower === 'double' || w.lower === 'triple') && j + 1 < ws.length) {
        const d = spokenDigits(ws[j + 1]!.lower)
        if (d?.length === 1) {
          digits.push(d.repeat(w.lower === 'double' ? 2 : 3))
          values.push(Number(d))
          j += 2
          continue
        }
      }
      const parts = w.lower.includes('-') && !spokenDigits(w.lower) ? w.lower.split('-') : [w.lower]
      const ds = parts.map(spokenDigits)
      if (ds.some((d) => d === undefined)) break
      for (const d of ds) {
        digits.push(d!)
        values.push(Number(d))
      }
      j++
    }
    const count = digits.join('').length
    const counting =
      values.length >= 3 &&
      (values.every((v, k) => k === 0 || v === values[k - 1]! + 1) ||
        values.every((v, k) => k === 0 || v === values[k - 1]! - 1))
    if (count >= 7 && !counting && values.length >= 3) {
      const first = ws[i]!
      const last = ws[j - 1]!
      const ctx = before(text, first.start, 50)
      const type: PhiType = /\b(ssn|social)\b/.test(ctx)
        ? 'ssn'
        : /\bfax\b/.test(ctx)
          ? 'fax'
          : count === 7 || count === 10 || count === 11 || PHONE_CUE.test(ctx)
            ? 'phone'
            : 'other'
      out.push(candidate(first.start, last.start + last.core.length, type, PRIORITY.context))
      i = j
    } else {
      i = j > i ? j : i + 1
    }
  }
  return out
}

const RUN_GAP = /^[\s,-]{1,3}$/
const NUMBER_WORDS = new Set(
  'zero oh one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety double triple'.split(
    ' ',
  ),
)

// Number words by first letter and length (of the part before a hyphen), as numbers: a cheap
// test that turns most words away before any string is hashed. A collision only lets a word through.
const NUMBER_WORD_SHAPES: ReadonlySet<number> = new Set([...NUMBER_WORDS].map((w) => shapeOf(w)))

function shapeOf(lower: string): number {
  const dash = lower.indexOf('-')
  return lower.charCodeAt(0) * 16 + (dash < 0 ? lower.length : dash)
}

/** Cheap test before any parsing: is this word (or every part of a hyphenated one) a number word? */
function mayBeNumberWord(lower: string): boolean {
  if (!NUMBER_WORD_SHAPES.has(shapeOf(lower))) return false
  return (
    NUMBER_WORDS.has(lower) || (lower.includes('-') && lower.split('-').every((p) => NUMBER_WORDS.has(p)))
  )
}

const AGE_NUMBER = String.raw`(\d{2,3}|(?:ninety|one hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a hundred(?: and \w+)?)`
const AGE_AFTER = new RegExp(
  String.raw`\b${AGE_NUMBER}(?:[- ]?(?:years?|yrs?)[- ]?old|[- ]year[- ]old|[- ]?y/?o\b|\s*y\.o\.|(?= years? of age))`,
  'gi',
)
const AGE_BEFORE = new RegExp(
  String.raw`\b(?:age[ds]?|turn(?:ed|ing|s)?|is|she's|he's|who's)\s+${AGE_NUMBER}\b`,
  'gi',
)

const AGE_HINT = /\b(?:9\d|1[0-2]\d|ninety|hundred)\b/i

function ageValue(raw: string): number | undefined {
  if (/^\d+$/.test(raw)) return Number(raw)
  const w = raw.toLowerCase().replace(/^a hundred/, 'one hundred')
  if (w.startsWith('one hundred')) return 100
  return wordValue(w.replace(' ', '-'))
}

/** Ages over 89 (Safe Harbor removes those; younger ages stay). */
export function findAges(text: string): Candidate[] {
  const out: Candidate[] = []
  if (!AGE_HINT.test(text)) return out
  for (const re of [AGE_AFTER, AGE_BEFORE]) {
    for (const m of matches(re, text)) {
      const raw = m[1]!
      const v = ageValue(raw)
      if (v === undefined || v < 90 || v > 125) continue
      if (
        re === AGE_BEFORE &&
        !/^(age|turn)/i.test(m[0]) &&
        !/\b(years?|birthday|old)\b/i.test(text.slice(m.index, m.index + m[0].length + 20))
      )
        continue
      const start = m.index + m[0].indexOf(raw)
      out.push(candidate(start, start + raw.length, 'age', PRIORITY.pattern))
    }
  }
  return out
}
