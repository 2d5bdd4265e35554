import { type Sentence, splitSentences } from '../text/index.js'
import { invalidTranscript } from './invalid.js'
import { normalizeSpace, type ParsedSegments, type Segment } from './segments.js'

/** The speaker label of a dictation, which names no speaker (the samples' gold files use "*" too). */
export const DICTATION_SPEAKER = '*'

const END_OF_DICTATION = /\bend of (?:the )?dictation\b[.!]?/i

// Spoken commands that end a sentence, and the punctuation they stand for ('' = paragraph break).
const BOUNDARY =
  /\b(?:(new|next) (?:paragraph|line)|(period|full stop)|(question mark)|(exclamation (?:point|mark)))\b[.,]?|\n[ \t]*\n/gi

/**
 * "period" is dictated punctuation when nothing ordinary could follow it: the end of the text, a
 * line break, punctuation, a capital letter, or another command. "A period of two weeks" stays.
 */
function isSpokenPeriod(text: string, at: number, after: number): boolean {
  const before = text.slice(Math.max(0, at - 8), at)
  if (/[.!?]\s*$/.test(before) || (at <= 8 && before.trim() === '')) return false
  const rest = text.slice(after, after + 40)
  return (
    after >= text.length ||
    /^\s*$/.test(rest) ||
    /^[ \t]*[\n.,;:!?]/.test(rest) ||
    /^\s+[A-Z]/.test(rest) ||
    /^\s+(?:(?:new|next) (?:paragraph|line)|end of (?:the )?dictation)\b/i.test(rest)
  )
}

const COLON_AS_ORGAN = /^\s+(?:cancer|polyps?|cleanse|surgery|resection|biopsy|screening)\b/i

/** Replace spoken punctuation inside one sentence: quote…unquote, slash, comma, colon, semicolon, hyphen. */
export function applySpokenPunctuation(sentence: string): string {
  let s = sentence
  s = s.replace(/\b(?:open )?quote\b\s*(.+?)\s*\b(?:unquote|end quote|close quote|end of quote)\b/gi, '"$1"')
  s = s.replace(/\b(?:open )?paren(?:thesis)?\b\s*(.+?)\s*\b(?:close|end) paren(?:thesis)?\b/gi, '($1)')
  s = s.replace(/\s*\b(?:forward )?slash\b\s*/gi, '/')
  s = s.replace(/\s*,?\s*\bcomma\b\s*,?/gi, ', ')
  s = s.replace(/\s*\bsemicolon\b\s*;?/gi, '; ')
  s = s.replace(/\s*\bcolon\b:?/gi, (whole, offset: number, all: string) =>
    COLON_AS_ORGAN.test(all.slice(offset + whole.length)) ? whole : ': ',
  )
  s = s.replace(/\s*\bhyphen\b\s*/gi, '-')
  return tidyPunctuation(s)
}

function tidyPunctuation(text: string): string {
  return normalizeSpace(text)
    .replace(/\s+([,.;:!?)])/g, '$1')
    .replace(/\(\s+/g, '(')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/[,;:]\s*([.!?])/g, '$1')
    .replace(/^[,;:.]\s*/, '')
    .replace(/[,;:]$/, '')
}

// "for J. Smith": a sentence cannot end on a lone initial when a capitalised word follows.
function joinInitials(sentences: Sentence[]): Sentence[] {
  const out: Sentence[] = []
  for (const s of sentences) {
    const prev = out.at(-1)
    if (prev && /(?:^|\s)\p{Lu}\.$/u.test(prev.text) && /^\p{Lu}/u.test(s.text)) {
      out[out.length - 1] = { text: `${prev.text} ${s.text}`, start: prev.start, end: s.end }
    } else out.push(s)
  }
  return out
}

function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) starts.push(i + 1)
  return starts
}

function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= offset) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

/**
 * Parse a single-speaker clinician dictation: spoken punctuation applied, one utterance per
 * dictated sentence (so evidence can point at a sentence), each with the line it begins on.
 */
export function parseDictation(text: string): ParsedSegments {
  const warnings: string[] = []
  const starts = lineStarts(text)
  const stop = END_OF_DICTATION.exec(text)
  let body = text
  if (stop) {
    body = text.slice(0, stop.index)
    if (text.slice(stop.index + stop[0].length).trim() !== '') {
      warnings.push(`Ignored text after the end-of-dictation command (line ${lineOf(starts, stop.index)}).`)
    }
  }
  const segments: Segment[] = []
  const emit = (from: number, to: number, terminator: string, commandEnd: number) => {
    const chunk = body.slice(from, to)
    const sentences = joinInitials(splitSentences(chunk))
    sentences.forEach((sentence, k) => {
      const last = k === sentences.length - 1
      let words = applySpokenPunctuation(sentence.text)
      if (words === '') return
      if (last && terminator && !/[.!?]["')]?$/.test(words)) words += terminator
      const begin = from + sentence.start
      const verbatimEnd = last ? commandEnd : from + sentence.end
      segments.push({
        speaker: DICTATION_SPEAKER,
        start: null,
        end: null,
        text: words,
        line: lineOf(starts, begin),
        verbatim: normalizeSpace(body.slice(begin, verbatimEnd)),
      })
    })
  }
  let from = 0
  for (const m of body.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length
    if (m[2] !== undefined && !isSpokenPeriod(body, m.index, end)) continue
    const terminator = m[2] !== undefined ? '.' : m[3] !== undefined ? '?' : m[4] !== undefined ? '!' : ''
    emit(from, m.index, terminator, end)
    from = end
  }
  emit(from, body.length, '', body.length)
  if (segments.length === 0) throw invalidTranscript('the dictation contains no words', 'no-speech')
  return { segments, notes: [], warnings, mergeTurns: false }
}
