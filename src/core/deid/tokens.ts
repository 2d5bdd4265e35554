/** A word of the text with what the name and place detectors need to know about it. */
export interface Word {
  start: number
  /** End of the word without a possessive or clitic ("Loretta" in "Loretta's"). */
  end: number
  /** The word without its possessive or clitic. */
  core: string
  lower: string
  capitalised: boolean
  allCaps: boolean
  /** First word of a sentence, a line or a speaker turn, where capitals say nothing. */
  initial: boolean
  /** The raw word had a possessive ("Ivy's"). */
  possessive: boolean
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*(?:-[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*)*['’]?/gu
const CLITIC = /(?:['’](?:s|m|re|ve|ll|d)|n['’]t|['’])$/i
const ABBREVIATED =
  /(?:^|[^\p{L}])(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|Sr|Jr|Rev|Fr|Sgt|Lt|Capt|Col|Gen|Mt|No|vs|[A-Z])$/u
const BOUNDARY = new Set(['.', '!', '?', ':', ';', '…', '>', ']', '\n', '\r', '•', '|'])
const OPENERS = new Set(['"', '“', '‘', "'", '(', '[', '<', '{', '*', '«', '„', '-', '–', '—'])

/** True when the word starting at `index` begins a sentence, a line or a turn. */
export function isSentenceInitial(text: string, index: number): boolean {
  let i = index - 1
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || OPENERS.has(text[i]!))) i--
  if (i < 0) return true
  const ch = text[i]!
  if (!BOUNDARY.has(ch)) return false
  // "Dr. Ostrowski", "Vanessa P. Hertzog": the period closes an abbreviation, not a sentence.
  if (ch === '.' && ABBREVIATED.test(text.slice(Math.max(0, i - 5), i))) return false
  return true
}

/** The words of a text with offsets, capitalisation and sentence position. */
export function words(text: string): Word[] {
  const out: Word[] = []
  WORD.lastIndex = 0
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const raw = m[0]
    let core = raw
    if (raw.includes("'") || raw.includes('’')) {
      const clitic = CLITIC.exec(raw)
      if (clitic && clitic.index > 0) core = raw.slice(0, clitic.index)
      // "can't" / "won't" keep their verb; "Didn't" becomes "Did".
      if (/n['’]t$/i.test(raw) && /^(ca|wo|sha)$/i.test(core)) core = raw.slice(0, raw.length - 2)
    }
    const code = core.charCodeAt(0)
    const capitalised = code < 128 ? code >= 65 && code <= 90 : core[0] !== core[0]!.toLowerCase()
    out.push({
      start: m.index,
      end: m.index + core.length,
      core,
      lower: core.toLowerCase(),
      capitalised,
      allCaps: capitalised && core.length > 1 && core === core.toUpperCase(),
      // Only capitalised words need their sentence position; the rest are never names by shape.
      initial: capitalised && isSentenceInitial(text, m.index),
      possessive: raw !== core && /^['’]s?$/i.test(raw.slice(core.length)),
    })
  }
  return out
}
