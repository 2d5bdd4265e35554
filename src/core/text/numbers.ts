/**
 * Numbers as people say and write them: "ninety-five", "6.5", "twelve hundred and forty",
 * "six and a half", "1,240", "9/10", "the nineteenth", "twice". Used by the verifier (a drafted
 * number must occur in its evidence), the drafting engine (numbers make facts) and de-identification.
 */

const UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
}

const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
}

const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 }

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
  hundredth: 100,
}

/** Words that stand for a count on their own. "a couple"/"a few" are too vague to count. */
const COUNT_WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3, dozen: 12, half: 0.5 }

/** A number found in text, with its character offsets. */
export interface NumberMention {
  value: number
  start: number
  end: number
  raw: string
  /** Other readings of the same words, e.g. "one fifty-eight" read as 158 besides 1 and 58. */
  alternatives: number[]
}

/** The value of one number word (unit, tens, ordinal, count word, or hyphenated compound), or undefined. */
export function wordValue(word: string): number | undefined {
  const w = word.toLowerCase()
  // Object.hasOwn, not `in`: "constructor" must not read as a number.
  if (Object.hasOwn(UNITS, w)) return UNITS[w]
  if (Object.hasOwn(TENS, w)) return TENS[w]
  if (Object.hasOwn(ORDINALS, w)) return ORDINALS[w]
  if (Object.hasOwn(COUNT_WORDS, w)) return COUNT_WORDS[w]
  const hyphen = /^([a-z]+)-([a-z]+)$/.exec(w)
  if (hyphen) {
    const tens = TENS[hyphen[1]!]
    const unit = UNITS[hyphen[2]!] ?? ORDINALS[hyphen[2]!]
    if (tens !== undefined && unit !== undefined && unit > 0 && unit < 10) return tens + unit
  }
  return undefined
}

function isNumberWord(word: string): boolean {
  const w = word.toLowerCase()
  return wordValue(w) !== undefined || Object.hasOwn(SCALES, w)
}

const TOKEN = /[0-9][0-9,]*(?:\.[0-9]+)?(?:st|nd|rd|th)?|[A-Za-z]+(?:-[A-Za-z]+)?/g

interface Tok {
  text: string
  start: number
  end: number
}

function tokensOf(text: string): Tok[] {
  const out: Tok[] = []
  for (const m of text.matchAll(TOKEN)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  return out
}

function digitValue(raw: string): number | undefined {
  const cleaned = raw.replace(/(st|nd|rd|th)$/, '')
  // "1,240" is a thousands separator; "3,4" is a list, keep the first part.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(cleaned)) return Number(cleaned.replaceAll(',', ''))
  const first = cleaned.split(',')[0]!
  const n = Number(first)
  return Number.isFinite(n) ? n : undefined
}

/**
 * Combine a run of number words. With a scale word it is arithmetic ("twelve hundred and forty" =
 * 1240); without one, "twenty five" is 25 and groups that cannot add up are spoken digit groups
 * ("one fifty-eight" = 158, "three fourteen eighty-six" = 31486), with each group kept as an alternative.
 */
function combineWords(words: string[]): { value: number; alternatives: number[] } | undefined {
  const clean = words.map((w) => w.toLowerCase()).filter((w) => w !== 'and')
  if (clean.length === 0) return undefined
  if (clean.some((w) => Object.hasOwn(SCALES, w))) {
    let total = 0
    let current = 0
    for (const w of clean) {
      const scale = SCALES[w]
      if (scale !== undefined) {
        current = (current || 1) * scale
        if (scale >= 1000) {
          total += current
          current = 0
        }
        continue
      }
      const v = wordValue(w)
      if (v === undefined) return undefined
      current += v
    }
    return { value: total + current, alternatives: [] }
  }
  // Group "twenty" + "five" into 25; everything else is its own group.
  const groups: number[] = []
  for (const w of clean) {
    const v = wordValue(w)
    if (v === undefined) return undefined
    const prev = groups.at(-1)
    const prevWord = clean[groups.length - 1]
    if (
      prev !== undefined &&
      prev % 10 === 0 &&
      prev >= 20 &&
      prev <= 90 &&
      v > 0 &&
      v < 10 &&
      Object.hasOwn(TENS, prevWord!)
    ) {
      groups[groups.length - 1] = prev + v
    } else {
      groups.push(v)
    }
  }
  if (groups.length === 1) return { value: groups[0]!, alternatives: [] }
  if (groups.some((g) => !Number.isInteger(g))) return { value: groups[0]!, alternatives: groups.slice(1) }
  const digits = groups
    .map((g, i) => (i > 0 && g < 10 && groups[i - 1]! >= 10 ? `0${g}` : String(g)))
    .join('')
  return { value: Number(digits), alternatives: groups }
}

/**
 * Every number in the text: digits (with thousands separators, decimals, ordinals, "9/10"),
 * number words and their combinations, ordinals and count words ("twice").
 */
export function extractNumbers(text: string): NumberMention[] {
  const toks = tokensOf(text)
  const out: NumberMention[] = []
  for (let i = 0; i < toks.length; i++) {
    const tok = toks[i]!
    if (/^[0-9]/.test(tok.text)) {
      const value = digitValue(tok.text)
      if (value !== undefined)
        out.push({ value, start: tok.start, end: tok.end, raw: tok.text, alternatives: [] })
      continue
    }
    if (!isNumberWord(tok.text)) continue
    // A run of number words, allowing "and" between them ("a hundred and forty").
    let j = i
    const words: string[] = []
    while (j < toks.length) {
      const t = toks[j]!.text.toLowerCase()
      const gapOk = j === i || /^[\s-]*$/.test(text.slice(toks[j - 1]!.end, toks[j]!.start))
      if (!gapOk) break
      if (
        isNumberWord(t) &&
        !(Object.hasOwn(ORDINALS, t) && words.length > 0 && !Object.hasOwn(TENS, words.at(-1)!))
      ) {
        words.push(t)
        j++
        continue
      }
      if (t === 'and' && j + 1 < toks.length && words.length > 0 && isNumberWord(toks[j + 1]!.text)) {
        // "six and a half" is handled below; "hundred and forty" continues the run.
        if (Object.hasOwn(SCALES, words.at(-1)!)) {
          words.push(t)
          j++
          continue
        }
      }
      break
    }
    const combined = combineWords(words)
    if (!combined) continue
    const last = toks[j - 1]!
    let value = combined.value
    let end = last.end
    // "six and a half", "two and a half"
    const half = /^\s+and\s+a\s+half\b/i.exec(text.slice(end))
    if (half) {
      value += 0.5
      end += half[0].length
    }
    out.push({
      value,
      start: tok.start,
      end,
      raw: text.slice(tok.start, end),
      alternatives: combined.alternatives,
    })
    while (j < toks.length && toks[j]!.start < end) j++
    i = j - 1
  }
  return out
}

/** All numeric readings in the text, for "does this number occur in the evidence" checks. */
export function numberValues(text: string): Set<number> {
  const set = new Set<number>()
  for (const m of extractNumbers(text)) {
    set.add(m.value)
    for (const a of m.alternatives) set.add(a)
  }
  return set
}

/** Parse a whole string that is only a number ("ninety-five", "95", "fifty five") or undefined. */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim()
  const found = extractNumbers(trimmed)
  if (found.length !== 1) return undefined
  const only = found[0]!
  return only.start === 0 && only.end === trimmed.length ? only.value : undefined
}
