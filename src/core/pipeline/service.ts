import type { Service } from '../billing/index.js'
import type { NoteFormat } from '../drafting/draft.schema.js'
import { findMedications } from '../lexicon/index.js'
import { extractNumbers } from '../text/index.js'
import { isClinicianSide, type Transcript } from '../transcript/utterance.js'

/** The service a session was, from the note format the clinician chose and who took part. */
export function inferService(transcript: Transcript, format: NoteFormat): Service {
  switch (format) {
    case 'intake':
      return 'intake'
    case 'group':
      return 'group'
    case 'supervision':
      return 'supervision'
    case 'family':
      return transcript.speakers.some((s) => s.role === 'client')
        ? 'family-with-patient'
        : 'family-without-patient'
    default:
      return transcript.speakers.some((s) => s.role === 'prescriber') ? 'med-management' : 'individual'
  }
}

const DOSE_CHANGE =
  /\b(?:goes up|go up|increase|increasing|decrease|decreasing|lower|raise|bump|continue|keep taking|refill|start(?:ing)? you on|switch(?:ing)? to|taper|milligrams?|mg)\b/i
const THERAPY_TIME = /\b(?:therapy|psychotherapy|counseling|counselling|panic work|the therapy piece)\b/i

/** A prescriber managed a prescription in the visit: named a medication and a dose or a change. */
export function prescriptionManaged(transcript: Transcript): boolean {
  return transcript.utterances.some(
    (u) => u.role === 'prescriber' && findMedications(u.text).length > 0 && DOSE_CHANGE.test(u.text),
  )
}

/** Minutes of psychotherapy a prescriber states for the visit ("about fifteen minutes on the therapy piece"). */
export function statedPsychotherapyMinutes(transcript: Transcript): number | null {
  for (const u of [...transcript.utterances].reverse()) {
    if (!isClinicianSide(u.role)) continue
    for (const sentence of u.text.split(/(?<=[.!?])\s+/)) {
      if (!/\bminutes?\b/i.test(sentence) || !THERAPY_TIME.test(sentence)) continue
      if (!/\b(?:spent|we did|for my note|of today|was)\b/i.test(sentence)) continue
      const minutes = extractNumbers(sentence).find((m) => m.value >= 1 && m.value <= 120)
      if (minutes) return minutes.value
    }
  }
  return null
}

const COMPLEXITY_CUES: [RegExp, string][] = [
  [/\bmandated reporter|mandated report|\bCPS\b|child protective/i, 'mandated-reporting discussion'],
  [/\binterpreter\b/i, 'interpreter present'],
  [/\bguardian ad litem|custody evaluat/i, 'third-party legal involvement'],
]

/** Interactive-complexity cues said in the session; only ever noted next to a primary code. */
export function interactiveComplexityCues(transcript: Transcript): string[] {
  const found = new Set<string>()
  for (const u of transcript.utterances)
    for (const [re, cue] of COMPLEXITY_CUES) if (isClinicianSide(u.role) && re.test(u.text)) found.add(cue)
  return [...found]
}
