/** A sentence of a text with its character offsets. */
export interface Sentence {
  text: string
  start: number
  end: number
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'st',
  'jr',
  'sr',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'approx',
  'dept',
  'u.s',
  'mt',
  'ft',
  'lb',
  'lbs',
  'oz',
  'hr',
  'hrs',
  'min',
  'mins',
  'wk',
  'wks',
  'yr',
  'yrs',
  'pt',
])

/**
 * Split text into sentences at ., ! and ? (also "?!" and "..."), keeping abbreviations such as
 * "Dr." and "a.m.", decimals and initials ("R.T.") inside their sentence.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = []
  let start = 0
  const push = (end: number) => {
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const trimmed = raw.trim()
    if (trimmed) out.push({ text: trimmed, start: start + lead, end: start + lead + trimmed.length })
    start = end
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\n' && text[i + 1] === '\n') {
      push(i)
      continue
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue
    let j = i
    while (j + 1 < text.length && /[.!?"')\]]/.test(text[j + 1]!)) j++
    const next = text[j + 1]
    if (next !== undefined && !/\s/.test(next)) continue
    if (ch === '.') {
      const before = /([A-Za-z.]+)$/.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? ''
      if (ABBREVIATIONS.has(before)) continue
      if (before === 'no' && /^\s*\d/.test(text.slice(j + 1))) continue
      // Single initials ("R." in "R.T.", "Ms. K.") do not end a sentence unless a capital follows a long gap.
      if (/^[a-z]$/.test(before) || /^([a-z]\.)+[a-z]$/.test(before)) {
        const after = text.slice(j + 1).trimStart()
        if (!/^[A-Z]/.test(after) || /^(?:[A-Z]\.)/.test(after)) continue
      }
      if (
        /\d$/.test(text.slice(0, i)) &&
        /^\d/.test(text.slice(j + 1).trimStart()) &&
        !/\s/.test(text[i + 1] ?? '')
      )
        continue
    }
    push(j + 1)
    i = j
  }
  push(text.length)
  return out
}
