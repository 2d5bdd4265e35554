import { invalidTranscript } from './invalid.js'
import { looksLikeLabel, normalizeSpace, type ParsedSegments, type Segment } from './segments.js'

/** A "LABEL: text" line split into label and text, or undefined when the prefix is not label-like. */
export function splitLabelLine(line: string): { label: string; text: string } | undefined {
  const m = /^([^:]{1,60}):(?:\s+(.*))?$/.exec(line.trim())
  if (!m) return undefined
  const label = normalizeSpace(m[1]!)
  return looksLikeLabel(label) ? { label, text: normalizeSpace(m[2] ?? '') } : undefined
}

/** A whole line that is a transcriber note such as "[laughs]" or "[Transcript ends.]". */
export function isBracketNote(line: string): boolean {
  return /^\s*\[[^\]]*\]\s*$/.test(line)
}

/**
 * Parse plain "LABEL: text" transcripts: blank lines between turns, optional header lines before
 * the first turn, whole-line [bracketed] transcriber notes kept as notes, wrapped lines joined.
 */
export function parseTxt(text: string): ParsedSegments {
  const lines = text.split('\n')
  const labelled = lines.map(splitLabelLine)
  const counts = new Map<string, number>()
  for (const found of labelled) {
    if (found) counts.set(found.label, (counts.get(found.label) ?? 0) + 1)
  }
  // Header lines ("Date: ...", "Clinic: ...") look like labels used once; talk starts at the first
  // label that recurs, or at the first label line when none does (a very short exchange).
  const recurs = [...counts.values()].some((n) => n >= 2)
  const segments: Segment[] = []
  const notes: ParsedSegments['notes'] = []
  let current: Segment | undefined
  lines.forEach((line, index) => {
    const lineNo = index + 1
    if (line.trim() === '') return
    if (isBracketNote(line)) {
      notes.push({ text: line.trim(), line: lineNo })
      return
    }
    const found = labelled[index]
    const speaking = segments.length > 0
    if (found && (speaking || !recurs || (counts.get(found.label) ?? 0) >= 2)) {
      current = { speaker: found.label, start: null, end: null, text: found.text, line: lineNo }
      segments.push(current)
      return
    }
    if (!current) {
      notes.push({ text: line.trim(), line: lineNo })
      return
    }
    current.text = normalizeSpace(`${current.text} ${line}`)
  })
  for (const seg of segments) {
    if (seg.text === '')
      throw invalidTranscript('the turn has a speaker label but no text', 'truncated-cue', seg.line)
  }
  return { segments, notes, warnings: [], mergeTurns: true }
}
