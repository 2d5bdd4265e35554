import { AppError } from '../../platform/errors.js'
import { suggestBilling } from '../billing/index.js'
import type { KnownIdentifiers } from '../deid/index.js'
import type { Draft } from '../drafting/draft.schema.js'
import { verifyDraft } from '../grounding/index.js'
import { applyScopeGuard, detectRisk } from '../guard/index.js'
import {
  type DraftNoteOptions,
  inferService,
  interactiveComplexityCues,
  prescriptionManaged,
  statedPsychotherapyMinutes,
} from '../pipeline/index.js'
import type { Transcript } from '../transcript/utterance.js'
import { draftEmbedded } from './embedded-engine.js'
import type { DraftContext, DraftingEngine, DraftRequest } from './engine.js'
import { Provenance } from './provider.schema.js'

/** `draftNote`'s options, plus what an external engine needs to decide and to de-identify. */
export interface DraftWithEngineOptions extends DraftNoteOptions {
  /** Identifiers the practice holds for the client; always removed before egress. */
  known?: KnownIdentifiers | undefined
  /** The session's Part 2 status and whether the client's Part 2 consent covers the engine's provider. */
  part2?: boolean | undefined
  part2ConsentCoversProvider?: boolean | undefined
}

/** Errors after which the embedded engine drafts instead: the model failed, not the policy or the user. */
function fallbackReason(error: unknown): string | null {
  if (!(error instanceof AppError)) return null
  if (error.code !== 'PROVIDER_FAILED' && error.code !== 'PROVIDER_TIMEOUT') return null
  return error.message
}

function provenanceOf(error: AppError): Provenance | undefined {
  const parsed = Provenance.safeParse(error.detail?.provenance)
  return parsed.success ? parsed.data : undefined
}

/**
 * The note pipeline of DESIGN.md §4 with any drafting engine: risk detection, the engine (falling
 * back to the embedded engine, and saying so, when a model gives no usable draft), the scope guard
 * (remove mode for the embedded engine as in `draftNote`, flag mode for model output), the
 * verifier, and the billing suggestion. The verifier is the
 * same whichever engine drafted. Egress refusals and cancellations are not fallen back from: the
 * clinician chose the engine and must hear why it was not used.
 */
export async function draftNoteWithEngine(
  transcript: Transcript,
  options: DraftWithEngineOptions,
  engine: DraftingEngine,
  context: DraftContext = {},
): Promise<Draft> {
  const riskFlags = detectRisk(transcript.utterances, options.member ? { focus: options.member } : {})
  const request: DraftRequest = {
    transcript,
    format: options.format,
    member: options.member,
    clinicianInput: options.clinicianInput,
    maxWords: options.maxWords,
    riskFlags,
    known: options.known,
    data: {
      part2: options.part2 ?? false,
      part2ConsentCoversProvider: options.part2ConsentCoversProvider ?? false,
    },
  }
  let draft: Draft
  try {
    draft = await engine.draft(request, context)
  } catch (error) {
    const reason = context.signal?.aborted ? null : fallbackReason(error)
    if (reason === null) throw error
    context.onProgress?.({ stage: 'fallback', reason })
    draft = draftEmbedded(request)
    const attempted = provenanceOf(error as AppError)
    if (attempted) draft.engine = { ...draft.engine, provenance: { ...attempted, fallback: reason } }
    const model = attempted ? ` "${attempted.model}"` : ''
    draft.warnings.push(
      `The model${model} of "${engine.provider.name}" gave no usable draft (${reason}); the embedded engine wrote this draft instead.`,
    )
  }
  if (options.clinicianInput?.length) draft.clinicianInput = options.clinicianInput
  // The scope guard as draftNote applies it: the embedded engine's statements that state a
  // diagnosis, code, recommendation or advice nobody said are removed (and said so); a model's
  // are kept and flagged, so the clinician sees what the model did and must resolve it to sign.
  const embedded = draft.engine.name === 'embedded'
  const guarded = applyScopeGuard(
    draft,
    { utterances: transcript.utterances, clinicianInput: options.clinicianInput },
    embedded ? 'remove' : 'flag',
  )
  for (const r of guarded.removed)
    guarded.draft.warnings.push(`Removed a drafted statement from ${r.section}: ${r.reason}`)
  const memberLabels = options.member ? [options.member] : undefined
  const verified = verifyDraft(guarded.draft, transcript, {
    riskFlags: draft.flags.filter((f) => f.kind.startsWith('risk.')),
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
