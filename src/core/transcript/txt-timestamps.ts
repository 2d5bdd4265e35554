import { invalidTranscript } from './invalid.js'
import { normalizeSpace, type ParsedSegments, type Segment } from './segments.js'
import { parseTimestamp } from './timestamps.js'
import { isBracketNote } from './txt.js'

/** A line that starts with a bracketed clock time, well-formed or not ("[00:01:02]", "[00:1x:02]"). */
export const TIMESTAMP_LINE = /^\s*\[(\d[^\]\s]*:[^\]\s]*)\]\s*(.*)$/

/** Parse "[HH:MM:SS] Speaker: text" transcripts, one turn per line. */
export function parseTxtTimestamps(text: string): ParsedSegments {
  const segments: Segment[] = []
  const notes: ParsedSegments['notes'] = []
  let current: Segment | undefined
  text.split('\n').forEach((line, index) => {
    const lineNo = index + 1
    if (line.trim() === '') return
    const m = TIMESTAMP_LINE.exec(line)
    if (!m) {
      if (isBracketNote(line) || !current) notes.push({ text: line.trim(), line: lineNo })
      else current.text = normalizeSpace(`${current.text} ${line}`)
      return
    }
    const start = parseTimestamp(m[1]!)
    if (start === undefined)
      throw invalidTranscript('the line has a malformed timestamp', 'timestamp', lineNo)
    const rest = m[2]!
    if (/^[^:]{1,60}:\s*$/.test(rest)) {
      throw invalidTranscript('the line has a timestamp and speaker but no text', 'truncated-cue', lineNo)
    }
    const colon = rest.indexOf(': ')
    const speaker = colon > 0 ? normalizeSpace(rest.slice(0, colon)) : ''
    if (speaker === '' || speaker.length > 60 || /[?!]/.test(speaker)) {
      throw invalidTranscript('expected "[HH:MM:SS] Speaker: text"', 'speaker-format', lineNo)
    }
    const words = normalizeSpace(rest.slice(colon + 2))
    if (words === '')
      throw invalidTranscript('the line has a timestamp and speaker but no text', 'truncated-cue', lineNo)
    current = { speaker, start, end: null, text: words, line: lineNo }
    segments.push(current)
  })
  return { segments, notes, warnings: [], mergeTurns: true }
}
