import { AppError } from '../../platform/errors.js'
import { countWords } from '../text/index.js'
import { decodeTranscript } from './decode.js'
import { detectFormat } from './detect.js'
import { parseDictation } from './dictation.js'
import { invalidTranscript } from './invalid.js'
import { findStatedMinutes, timedMinutes } from './minutes.js'
import { type ParseOptions, resolveParseOptions } from './options.js'
import { assignRoles } from './roles.js'
import { mergeTurns, normalizeSpace, type ParsedSegments, type Segment } from './segments.js'
import { parseSrt } from './srt.js'
import { parseSttJson } from './stt-json.js'
import { parseTxt } from './txt.js'
import { parseTxtTimestamps } from './txt-timestamps.js'
import type { Role, Speaker, Transcript, TranscriptFormat, Utterance } from './utterance.js'
import { parseVtt } from './vtt.js'

const PARSERS: Readonly<Record<TranscriptFormat, (text: string) => ParsedSegments>> = {
  'zoom-vtt': parseVtt,
  'teams-vtt': parseVtt,
  srt: parseSrt,
  txt: parseTxt,
  'txt-timestamps': parseTxtTimestamps,
  'stt-json': parseSttJson,
  dictation: parseDictation,
}

function backwardsWarning(segments: readonly Segment[]): string | undefined {
  let firstLine = 0
  let places = 0
  let latest = Number.NEGATIVE_INFINITY
  for (const seg of segments) {
    if (seg.start === null) continue
    if (seg.start < latest) {
      places++
      firstLine ||= seg.line
    }
    latest = Math.max(latest, seg.start)
  }
  if (places === 0) return undefined
  return `Timestamps go backwards at line ${firstLine}${places > 1 ? ` and ${places - 1} more place${places > 2 ? 's' : ''}` : ''}; kept file order and measured the session from the earliest to the latest time.`
}

/** Match the caller's role labels to the transcript's, whitespace- and then case-insensitively. */
function resolveGivenRoles(
  given: Record<string, Role> | undefined,
  labels: readonly string[],
): Map<string, Role> {
  const out = new Map<string, Role>()
  Object.entries(given ?? {}).forEach(([raw, role], index) => {
    const wanted = normalizeSpace(raw)
    const label =
      labels.find((l) => l === wanted) ?? labels.find((l) => l.toLowerCase() === wanted.toLowerCase())
    if (label === undefined) {
      throw new AppError(
        'VALIDATION_FAILED',
        `roles entry ${index + 1} names a speaker that is not in the transcript (${labels.length} speaker label${labels.length === 1 ? '' : 's'} found)`,
        { field: 'roles', detail: { reason: 'roles' } },
      )
    }
    out.set(label, role)
  })
  return out
}

/**
 * Parse a transcript file (any supported format, detected or forced) into utterances with speaker
 * roles and the session length. Unusable input throws AppError TRANSCRIPT_INVALID naming the line.
 */
export function parseTranscript(input: Uint8Array | string, options: ParseOptions = {}): Transcript {
  const opts = resolveParseOptions(options)
  const decoded = decodeTranscript(input, opts.maxBytes)
  const format = opts.format ?? detectFormat(decoded.text)
  const parsed = PARSERS[format](decoded.text)
  if (parsed.segments.length === 0) {
    throw invalidTranscript(
      'no speech found: the file has no turns with both a speaker and text',
      'no-speech',
    )
  }
  const warnings = [...decoded.warnings, ...parsed.warnings]
  const backwards = backwardsWarning(parsed.segments)
  if (backwards) warnings.push(backwards)

  const turns = parsed.mergeTurns ? mergeTurns(parsed.segments) : parsed.segments
  const labels = [...new Set(turns.map((t) => t.speaker))]
  const decisions = assignRoles({
    turns,
    given: resolveGivenRoles(opts.roles, labels),
    service: opts.service,
    notes: parsed.notes.map((n) => n.text),
    dictation: format === 'dictation',
  })

  const utterances: Utterance[] = turns.map((t, i) => ({
    id: `u${i + 1}`,
    speaker: t.speaker,
    role: decisions.get(t.speaker)!.role,
    start: t.start,
    end: t.end,
    text: t.text,
    line: t.line,
    ...(t.verbatim === undefined ? {} : { verbatim: t.verbatim }),
  }))

  const speakers: Speaker[] = labels.map((label) => {
    const own = utterances.filter((u) => u.speaker === label)
    const d = decisions.get(label)!
    return {
      label,
      role: d.role,
      roleSource: d.roleSource,
      reason: d.reason,
      utterances: own.length,
      words: own.reduce((n, u) => n + countWords(u.text), 0),
      ...(d.sameAs === undefined ? {} : { sameAs: d.sameAs }),
    }
  })

  let minutes: number | null = null
  let minutesSource: Transcript['minutesSource'] = null
  let minutesLine: number | undefined
  const timed = timedMinutes(parsed.segments)
  if (opts.minutes !== undefined) [minutes, minutesSource] = [opts.minutes, 'option']
  else if (timed !== null) [minutes, minutesSource] = [timed, 'timestamps']
  else {
    const stated = findStatedMinutes([...parsed.notes, ...parsed.segments])
    if (stated) {
      ;[minutes, minutesSource, minutesLine] = [stated.minutes, 'stated', stated.line]
      warnings.push(...stated.warnings)
    } else warnings.push('No session length found: the transcript has no timestamps and states no duration.')
  }

  return {
    format,
    utterances,
    speakers,
    minutes,
    minutesSource,
    ...(minutesLine === undefined ? {} : { minutesLine }),
    notes: parsed.notes.map((n) => n.text),
    warnings,
  }
}
