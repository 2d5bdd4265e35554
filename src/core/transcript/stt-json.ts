import { invalidTranscript } from './invalid.js'
import { type JsonValue, type LinedJson, parseJson } from './json.js'
import { normalizeSpace, type ParsedSegments, type Segment } from './segments.js'
import { parseTimestamp } from './timestamps.js'

type JsonObject = { [key: string]: JsonValue }

const SPEAKER_KEYS = ['speaker', 'speaker_label', 'speakerLabel', 'speaker_name', 'speakerName', 'spk']
const START_KEYS = ['start', 'start_time', 'startTime', 'begin']
const END_KEYS = ['end', 'end_time', 'endTime', 'stop']
const TEXT_KEYS = ['text', 'transcript', 'content']

// Beyond a day in seconds the numbers can only be milliseconds (AssemblyAI reports milliseconds).
const MAX_SECONDS = 86_400

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function pick(obj: JsonObject, keys: readonly string[]): JsonValue | undefined {
  for (const k of keys) if (k in obj) return obj[k]
  return undefined
}

/** The array of utterances: top level, `utterances`, `segments`, or `results.utterances`. */
function utteranceList(doc: LinedJson): JsonValue[] {
  const root = doc.value
  if (Array.isArray(root)) return root
  if (isObject(root)) {
    for (const key of ['utterances', 'segments']) {
      const list = root[key]
      if (Array.isArray(list)) return list
    }
    const results = root.results
    if (isObject(results) && Array.isArray(results.utterances)) return results.utterances
  }
  throw invalidTranscript(
    'the JSON has no utterance list (expected "utterances", "segments" or a top-level array)',
    'speaker-format',
    isObject(root) ? (doc.lineOf(root) ?? 1) : 1,
  )
}

function timeOf(v: JsonValue | undefined, line: number, field: string): number | null {
  if (v === undefined || v === null) return null
  const seconds =
    typeof v === 'number' ? v : typeof v === 'string' ? (parseTimestamp(v) ?? Number(v)) : Number.NaN
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw invalidTranscript(`the utterance has an invalid ${field} time`, 'timestamp', line)
  }
  return seconds
}

/** Parse speech-to-text JSON: `{"utterances":[{"speaker","start","end","text"}]}` and common variants. */
export function parseSttJson(text: string): ParsedSegments {
  const doc = parseJson(text)
  const list = utteranceList(doc)
  const segments: Segment[] = []
  let maxTime = 0
  for (const item of list) {
    const line = (isObject(item) || Array.isArray(item) ? doc.lineOf(item) : undefined) ?? 1
    if (!isObject(item))
      throw invalidTranscript('each utterance must be a JSON object', 'speaker-format', line)
    const speakerValue = pick(item, SPEAKER_KEYS)
    if (typeof speakerValue !== 'string' && typeof speakerValue !== 'number') {
      throw invalidTranscript(
        'the utterance has no speaker label (diarisation is required)',
        'speaker-format',
        line,
      )
    }
    const speaker = normalizeSpace(String(speakerValue))
    if (speaker === '')
      throw invalidTranscript('the utterance has an empty speaker label', 'speaker-format', line)
    const words = pick(item, TEXT_KEYS)
    if (typeof words !== 'string') throw invalidTranscript('the utterance has no text', 'truncated-cue', line)
    const start = timeOf(pick(item, START_KEYS), line, 'start')
    const end = timeOf(pick(item, END_KEYS), line, 'end')
    if (start !== null && end !== null && end < start) {
      throw invalidTranscript('the utterance ends before it starts', 'timestamp', line)
    }
    maxTime = Math.max(maxTime, start ?? 0, end ?? 0)
    const clean = normalizeSpace(words)
    // Speech-to-text services emit empty segments for silence; they are not talk.
    if (clean === '') continue
    segments.push({ speaker, start, end: end ?? start, text: clean, line })
  }
  const warnings: string[] = []
  if (maxTime > MAX_SECONDS) {
    for (const seg of segments) {
      if (seg.start !== null) seg.start /= 1000
      if (seg.end !== null) seg.end /= 1000
    }
    warnings.push('Times in the JSON read as milliseconds.')
  }
  return { segments, notes: [], warnings, mergeTurns: true }
}
