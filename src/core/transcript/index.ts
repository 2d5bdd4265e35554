export { DEFAULT_MAX_BYTES } from './decode.js'
export { DICTATION_SPEAKER } from './dictation.js'
export { TRANSCRIPT_FORMATS, type TranscriptFormatInfo } from './formats.js'
export { ParseOptions, parseRolesOption, roleFromWord, ServiceHint } from './options.js'
export { parseTranscript } from './parse-transcript.js'
export {
  CLINICIAN_SIDE,
  isClinicianSide,
  Role,
  Speaker,
  Transcript,
  TranscriptFormat,
  Utterance,
} from './utterance.js'
