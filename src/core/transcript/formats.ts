import type { TranscriptFormat } from './utterance.js'

/** One supported transcript format, as the CLI's `formats` command prints it. */
export interface TranscriptFormatInfo {
  id: TranscriptFormat
  name: string
  /** How detection recognises it. */
  recognisedBy: string
  /** Whether the file carries timestamps (otherwise the length must be stated in the text). */
  timed: boolean
  /** A short fictional example. */
  example: string
}

const FORMATS: Readonly<Record<TranscriptFormat, Omit<TranscriptFormatInfo, 'id'>>> = {
  'zoom-vtt': {
    name: 'Zoom WebVTT',
    recognisedBy: 'starts with WEBVTT; numbered cues whose text is "Speaker Name: text"',
    timed: true,
    example: 'WEBVTT\n\n1\n00:00:02.711 --> 00:00:08.850\nDr. Rivera: Hi, can you hear me?',
  },
  'teams-vtt': {
    name: 'Microsoft Teams WebVTT',
    recognisedBy: 'starts with WEBVTT; cue text in voice tags "<v Speaker Name>text</v>"',
    timed: true,
    example:
      'WEBVTT\n\n3f1c…/12-0\n00:00:01.282 --> 00:00:09.612\n<v Sam Rivera (they/them)>Hi, how was the week?</v>',
  },
  srt: {
    name: 'SubRip (SRT)',
    recognisedBy: 'numbered cues with "HH:MM:SS,mmm --> HH:MM:SS,mmm" timing lines; text "LABEL: text"',
    timed: true,
    example: '1\n00:00:03,186 --> 00:00:09,802\nTHERAPIST: Come on in.',
  },
  txt: {
    name: 'Plain text',
    recognisedBy:
      '"LABEL: text" lines (blank lines between turns); header lines and [bracketed] notes allowed',
    timed: false,
    example: 'DR. RIVERA: We have fifty minutes today. How was the week?\n\nJORDAN: Better. [laughs]',
  },
  'txt-timestamps': {
    name: 'Timestamped text',
    recognisedBy: 'one turn per line: "[HH:MM:SS] Speaker: text"',
    timed: true,
    example: '[00:00:03] Dr. Rivera: Come on in.\n[00:00:16] Jordan: Thanks.',
  },
  'stt-json': {
    name: 'Speech-to-text JSON',
    recognisedBy:
      'JSON with an "utterances" (or "segments") list, or a top-level list, of {speaker, start, end, text}; times in seconds',
    timed: true,
    example: '{"utterances": [{"speaker": "A", "start": 1.5, "end": 7.0, "text": "Come in."}]}',
  },
  dictation: {
    name: 'Clinician dictation',
    recognisedBy:
      'free text with no speaker labels; spoken punctuation ("period", "comma", "slash", "quote … unquote", "new paragraph", "end of dictation") is applied',
    timed: false,
    example: 'Client seen face to face fifty minutes period. Denies SI slash HI period. End of dictation.',
  },
}

/** Every supported format: the one table that detection docs, the CLI and tests read. */
export const TRANSCRIPT_FORMATS: readonly TranscriptFormatInfo[] = Object.freeze(
  (Object.keys(FORMATS) as TranscriptFormat[]).map((id) => Object.freeze({ id, ...FORMATS[id] })),
)
