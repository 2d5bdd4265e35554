import { invalidTranscript } from './invalid.js'
import { normalizeSpace, type Segment } from './segments.js'
import { parseTimestamp } from './timestamps.js'

/** A timing line: "start --> end", optionally followed by VTT cue settings. */
export const TIMING_LINE = /^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$/

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return safeChar(Number.parseInt(name.slice(2), 16), whole)
    if (name.startsWith('#')) return safeChar(Number(name.slice(1)), whole)
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

function safeChar(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
    ? String.fromCodePoint(code)
    : fallback
}

// Formatting tags (<i>, <c.yellow>, <00:01:02.000>, <font ...>) and SSA overrides ({\an8}) carry no words.
function stripMarkup(text: string): string {
  const bare =
    text.includes('<') || text.includes('{')
      ? text.replace(/<[^>]*>/g, ' ').replace(/\{\\[^}]*\}/g, ' ')
      : text
  return bare.includes('&') ? decodeEntities(bare) : bare
}

interface Voiced {
  speaker: string
  text: string
}

/** Split a cue payload into speakers: `<v Name>text</v>` tags first, then a `Name: text` prefix. */
function voicesOf(payload: string): Voiced[] | undefined {
  const tag = /<v(?:\.[^\s>]*)?\s+([^>]*)>/gi
  const opens = payload.includes('<') ? [...payload.matchAll(tag)] : []
  if (opens.length > 0) {
    if (normalizeSpace(stripMarkup(payload.slice(0, opens[0]!.index))) !== '') return undefined
    return opens.map((open, k) => {
      const from = open.index + open[0].length
      const to = k + 1 < opens.length ? opens[k + 1]!.index : payload.length
      return {
        speaker: normalizeSpace(decodeEntities(open[1]!)),
        text: normalizeSpace(stripMarkup(payload.slice(from, to))),
      }
    })
  }
  const plain = normalizeSpace(stripMarkup(payload))
  const colon = plain.indexOf(': ')
  if (colon <= 0) return undefined
  const speaker = normalizeSpace(plain.slice(0, colon))
  if (speaker.length > 60 || /[?!]/.test(speaker) || speaker.split(' ').length > 8) return undefined
  return [{ speaker, text: normalizeSpace(plain.slice(colon + 2)) }]
}

/**
 * Parse blank-line-separated cue blocks (optional id, timing line, text lines) from `lines`,
 * starting at index `from`. Used by the WebVTT and SRT parsers.
 */
export function parseCueBlocks(lines: readonly string[], from: number): Segment[] {
  const segments: Segment[] = []
  let i = from
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++
    if (i >= lines.length) break
    const blockStart = i
    const block: string[] = []
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!)
    // WebVTT comment, style and region blocks hold no talk.
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block[0]!)) continue
    const timingAt = block.findIndex((l) => l.includes('-->'))
    if (timingAt < 0 || timingAt > 1) {
      throw invalidTranscript(
        'expected a cue timing line ("00:00:01.000 --> 00:00:04.000")',
        'truncated-cue',
        blockStart + 1,
      )
    }
    const timingLine = blockStart + timingAt + 1
    const timing = TIMING_LINE.exec(block[timingAt]!)
    const start = timing ? parseTimestamp(timing[1]!) : undefined
    const end = timing ? parseTimestamp(timing[2]!) : undefined
    if (start === undefined || end === undefined) {
      throw invalidTranscript('the cue timing is not a valid timestamp pair', 'timestamp', timingLine)
    }
    if (end < start) throw invalidTranscript('the cue ends before it starts', 'timestamp', timingLine)
    const payload = block.slice(timingAt + 1)
    if (payload.length === 0) {
      throw invalidTranscript(
        'the cue has a timestamp but no text (truncated cue)',
        'truncated-cue',
        timingLine,
      )
    }
    const textLine = timingLine + 1
    const voices = voicesOf(payload.join('\n'))
    if (!voices) {
      throw invalidTranscript(
        'the cue text has no speaker ("Name: text" or "<v Name>text</v>")',
        'speaker-format',
        textLine,
      )
    }
    for (const voice of voices) {
      if (voice.speaker === '')
        throw invalidTranscript('the cue has an empty speaker name', 'speaker-format', textLine)
      if (voice.text === '')
        throw invalidTranscript(
          'the cue has a speaker but no text (truncated cue)',
          'truncated-cue',
          textLine,
        )
      segments.push({ speaker: voice.speaker, start, end, text: voice.text, line: textLine })
    }
  }
  return segments
}
