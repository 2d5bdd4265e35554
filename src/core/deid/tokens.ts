// A word is letters (or marks), joined by inner apostrophes or hyphens, with an optional closing
// apostrophe: /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*['’]?/u, read by hand below (the tokeniser runs
// over every character, and a scanner with an ASCII fast path is several times quicker than the pattern).
const LETTER_AT = /[\p{L}\p{M}]/uy

/** The length of the letter (a code point) at `i`, or 0 when there is none. */
function letterAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0
  if (Number.isNaN(c)) return 0
  LETTER_AT.lastIndex = i
  if (!LETTER_AT.test(text)) return 0
  return LETTER_AT.lastIndex - i
}

function lettersFrom(text: string, i: number): number {
  for (;;) {
    // ASCII letters, most of any text, without a call per character.
    let c = text.charCodeAt(i)
    while ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) c = text.charCodeAt(++i)
    if (c < 128 || Number.isNaN(c)) return i
    const n = letterAt(text, i)
    if (n === 0) return i
    i += n
  }
}

/** A lower-case ASCII letter: the word is then not all capitals, without upper-casing it. */
function isAsciiLower(c: number): boolean {
  return c >= 97 && c <= 122
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019
}

const CLITIC = /(?:['’](?:s|m|re|ve|ll|d)|n['’]t|['’])$/i
const ABBREVIATED =
  /(?:^|[^\p{L}])(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Sr|Jr|Rev|Fr|Sgt|Lt|Capt|Col|Gen|Mt|No|vs|[A-Z])$/u
/** Character codes of the given characters (each a single UTF-16 unit). */
function codes(chars: string): ReadonlySet<number> {
  return new Set([...chars].map((c) => c.charCodeAt(0)))
}
const BOUNDARY = codes('.!?:;…>]\n\r•|')
// Blanks and opening quotes, brackets and dashes between a boundary and the word.
const OPENERS = codes(' \t"“‘\'([<{*«„-–—')

/** True when the word starting at `index` begins a sentence, a line or a turn. */
export function isSentenceInitial(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && OPENERS.has(text.charCodeAt(i))) i--
  if (i < 0) return true
  const code = text.charCodeAt(i)
  if (!BOUNDARY.has(code)) return false
  // "Dr. Ostrowski", "Vanessa P. Hertzog": the period closes an abbreviation, not a sentence.
  if (code === 46 && ABBREVIATED.test(text.slice(Math.max(0, i - 5), i))) return false
  return true
}

/**
 * A word of the text with what the name and place detectors need to know about it.
 *
 * Built by a constructor rather than an object literal. V8 tracks object literals for
 * pretenuring: the words of a long transcript all live until its scan ends, so a scavenge in the
 * middle of one can mark the literal's site "long-lived", and from then on every word of every text
 * is allocated in the old generation. With the literal, 8 of 12 processes timing `deidentify` ran
 * their median pass at 2.7–4.6 MB/s instead of about 6 (bench/deid-throughput-worker.ts); with the
 * constructor, 1 of 12. A constructor's objects are not tracked that way.
 */
export class Word {
  readonly start: number
  /** End of the word without a possessive or clitic ("Loretta" in "Loretta's"). */
  readonly end: number
  /** The word without its possessive or clitic. */
  readonly core: string
  readonly lower: string
  readonly capitalised: boolean
  readonly allCaps: boolean
  /** First word of a sentence, a line or a speaker turn, where capitals say nothing. */
  readonly initial: boolean
  /** The raw word had a possessive ("Ivy's"). */
  readonly possessive: boolean

  constructor(text: string, start: number, raw: string, core: string) {
    const code = core.charCodeAt(0)
    const capitalised = code < 128 ? code >= 65 && code <= 90 : core[0] !== core[0]!.toLowerCase()
    this.start = start
    this.end = start + core.length
    this.core = core
    this.lower = core.toLowerCase()
    this.capitalised = capitalised
    this.allCaps =
      capitalised && core.length > 1 && !isAsciiLower(core.charCodeAt(1)) && core === core.toUpperCase()
    // Only capitalised words need their sentence position; the rest are never names by shape.
    this.initial = capitalised && isSentenceInitial(text, start)
    this.possessive = raw !== core && /^['’]s?$/i.test(raw.slice(core.length))
  }
}

/** The words of a text with offsets, capitalisation and sentence position. */
export function words(text: string): Word[] {
  const out: Word[] = []
  let i = 0
  while (i < text.length) {
    const first = letterAt(text, i)
    if (first === 0) {
      i++
      continue
    }
    const start = i
    let end = lettersFrom(text, i + first)
    let apostrophe = false
    for (;;) {
      const c = text.charCodeAt(end)
      const joined = isApostrophe(c) || c === 45 ? letterAt(text, end + 1) : 0
      if (joined === 0) break
      if (c !== 45) apostrophe = true
      end = lettersFrom(text, end + 1 + joined)
    }
    if (isApostrophe(text.charCodeAt(end))) {
      apostrophe = true
      end++
    }
    i = end
    const raw = text.slice(start, end)
    let core = raw
    if (apostrophe) {
      const clitic = CLITIC.exec(raw)
      if (clitic && clitic.index > 0) core = raw.slice(0, clitic.index)
      // "can't" / "won't" keep their verb; "Didn't" becomes "Did".
      if (/n['’]t$/i.test(raw) && /^(ca|wo|sha)$/i.test(core)) core = raw.slice(0, raw.length - 2)
    }
    out.push(new Word(text, start, raw, core))
  }
  return out
}
