import { TIMING_LINE } from './cues.js'
import { invalidTranscript } from './invalid.js'
import { isBracketNote, splitLabelLine } from './txt.js'
import { TIMESTAMP_LINE } from './txt-timestamps.js'
import type { TranscriptFormat } from './utterance.js'

// Note headings a dictation may render as "HPI: ..."; they are sections, not speakers.
const SECTION_HEADINGS: ReadonlySet<string> = new Set([
  'cc',
  'chief complaint',
  'hpi',
  'history',
  'pmh',
  'psh',
  'fhx',
  'shx',
  'social history',
  'family history',
  'meds',
  'medications',
  'allergies',
  'mse',
  'mental status',
  'mental status exam',
  'ros',
  'assessment',
  'impression',
  'plan',
  'diagnosis',
  'dx',
  'subjective',
  'objective',
  'data',
  'response',
  'intervention',
  'interventions',
  'goals',
  'recommendations',
  'disposition',
  'identifying data',
  'reason for referral',
])

const DICTATION_MARKERS =
  /\b(?:dictating|dictation|new paragraph|next paragraph|end of dictation|comma|slash|colon|unquote|full stop)\b/gi

const CLOCK = /\b\d{1,2}:\d{2}(?::\d{2})?\b/

/** Whether the text reads as words at all (dictation needs at least that). */
function isProse(text: string): boolean {
  const visible = text.replace(/\s+/g, '')
  const letters = visible.match(/\p{L}/gu)?.length ?? 0
  const words = text.match(/\p{L}{2,}/gu)?.length ?? 0
  return words >= 2 && letters >= visible.length * 0.5
}

/** Recognise the transcript format from its text; throws TRANSCRIPT_INVALID when nothing fits. */
export function detectFormat(text: string): TranscriptFormat {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || /^\[\s*[{\]]/.test(trimmed)) return 'stt-json'
  const lines = text.split('\n')
  if (/^WEBVTT(\s|$)/.test(lines[0]!)) return /<v[\s.][^>]*>/.test(text) ? 'teams-vtt' : 'zoom-vtt'

  let nonBlank = 0
  let timing = 0
  let stamped = 0
  let labelled = 0
  let headings = 0
  let clocks = 0
  let firstClock = 0
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    nonBlank++
    if (TIMING_LINE.test(line) && CLOCK.test(line)) timing++
    else if (TIMESTAMP_LINE.test(line)) stamped++
    else if (isBracketNote(line)) return
    else {
      const found = splitLabelLine(line)
      if (found) {
        labelled++
        if (SECTION_HEADINGS.has(found.label.toLowerCase())) headings++
      } else if (CLOCK.test(line)) {
        clocks++
        firstClock ||= index + 1
      }
    }
  })
  if (timing > 0) return 'srt'
  if (stamped > 0 && stamped >= labelled) return 'txt-timestamps'
  const markers = text.match(DICTATION_MARKERS)?.length ?? 0
  const dictationLike =
    (markers >= 3 && labelled < nonBlank / 4) || (labelled > 0 && headings >= labelled / 2)
  if (labelled >= 2 && !dictationLike) return 'txt'
  // Clock times outside any known layout ("Speaker 1  0:03") mean a transcript we cannot read,
  // not a dictation; attributing its words to one clinician would be wrong.
  if (clocks >= 2 && clocks >= nonBlank / 4) {
    throw invalidTranscript(
      'unrecognised speaker format: the lines carry times but not in a supported layout (see the formats list)',
      'speaker-format',
      firstClock,
    )
  }
  if (isProse(text)) return 'dictation'
  throw invalidTranscript(
    'unrecognised speaker format: no WebVTT or SRT cues, "Name: text" lines, "[HH:MM:SS] Name: text" lines, JSON or dictated text',
    'speaker-format',
  )
}
