import { type Service, suggestBilling } from '../billing/index.js'
import type { ClinicianInput, Draft, NoteFormat } from '../drafting/draft.schema.js'
import { draftWithEmbeddedEngine } from '../drafting/engine.js'
import { verifyDraft } from '../grounding/index.js'
import { applyScopeGuard, detectRisk } from '../guard/index.js'
import type { Transcript } from '../transcript/utterance.js'
import {
  inferService,
  interactiveComplexityCues,
  prescriptionManaged,
  statedPsychotherapyMinutes,
} from './service.js'

export interface DraftNoteOptions {
  format: NoteFormat
  /** Group notes: the speaker label of the member the note is for. */
  member?: string
  /** The kind of service, when the format and roles do not settle it (e.g. crisis). */
  service?: Service
  /** Minutes of psychotherapy in a med-management visit, when not stated in the session. */
  psychotherapyMinutes?: number
  clinicianInput?: ClinicianInput[]
  maxWords?: number
}

/**
 * The note pipeline of DESIGN.md §4 with the embedded engine: risk detection, drafting, the scope
 * guard, the verifier (support and omissions) and the billing suggestion. Pure: no I/O, no model.
 */
export function draftNote(transcript: Transcript, options: DraftNoteOptions): Draft {
  const riskFlags = detectRisk(transcript.utterances, options.member ? { focus: options.member } : {})
  const draft = draftWithEmbeddedEngine(transcript, {
    format: options.format,
    riskFlags,
    ...(options.member ? { member: options.member } : {}),
    ...(options.maxWords ? { maxWords: options.maxWords } : {}),
  })
  if (options.clinicianInput?.length) draft.clinicianInput = options.clinicianInput
  // The embedded engine's own output goes through the scope guard in remove mode: a statement
  // that would state a diagnosis, code, recommendation or advice nobody said is dropped, and said so.
  const guarded = applyScopeGuard(draft, { utterances: transcript.utterances }, 'remove')
  for (const r of guarded.removed)
    guarded.draft.warnings.push(`Removed a drafted statement from ${r.section}: ${r.reason}`)
  const memberLabels = options.member ? [options.member] : undefined
  const verified = verifyDraft(guarded.draft, transcript, {
    riskFlags: draft.flags,
    clientLabels: memberLabels,
  })
  const service = options.service ?? inferService(transcript, options.format)
  verified.billing = suggestBilling({
    service,
    minutes: transcript.minutes,
    psychotherapyMinutes: options.psychotherapyMinutes ?? statedPsychotherapyMinutes(transcript),
    prescriptionManagement: prescriptionManaged(transcript),
    interactiveComplexityCues: interactiveComplexityCues(transcript),
  })
  return verified
}
