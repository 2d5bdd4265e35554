import { createOpenAiTranscriberFor } from '../../adapters/openai/index.js'
import {
  type AudioInput,
  type ProviderConfig,
  recipientOf,
  transcribeRecording,
} from '../../core/providers/index.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, recordAuditNow } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { createEncounter, type EncounterAccepted, type EncounterFields } from '../notes/index.js'
import { requireClientAccess } from '../records/index.js'
import {
  activeProviderRow,
  aiConsentNames,
  draftingPreflight,
  egressAudit,
  part2ConsentCovers,
} from './engine-for-practice.js'
import { apiKeyOf, providerConfigOf } from './providers.service.js'

const ROUTE = '/api/clients/:id/encounters/audio'

/** A session recording to transcribe and draft from. */
export interface NewAudioEncounter {
  clientId: string
  /** The registry id of the speech-to-text provider (an OpenAI-compatible transcription endpoint). */
  transcriptionProviderId: string
  fields: Omit<EncounterFields, 'source'>
  audio: AudioInput
  /** The transcript's size limit (the server's upload limit). */
  maxBytes: number
}

export interface TranscriptionTransport {
  fetch?: typeof fetch | undefined
}

/**
 * Record a session from its audio: clinical access, then the client's consent to AI processing of
 * recordings naming the transcription provider (refused and audited before anything is sent), the
 * egress guard (a voice cannot be de-identified: a hosted service needs an active BAA, a Part 2
 * record the client's Part 2 consent naming the provider), an audited upload, and the recording
 * deleted (never written to disk; the buffer is zeroed) once the text is back, or on any failure.
 * The transcription becomes an stt-json transcript of a new encounter whose note is then drafted
 * as for an uploaded transcript (its own AI-processing consent check included).
 */
export async function transcribeEncounter(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: NewAudioEncounter,
  transport: TranscriptionTransport = {},
): Promise<EncounterAccepted> {
  let received: { clientId: string; deleted: boolean } | null = null
  try {
    const client = await requireClientAccess(deps, ctx, actor, input.clientId, { route: ROUTE })
    received = { clientId: client.id, deleted: false }
    const held = received
    const row = await activeProviderRow(deps, actor.practiceId, input.transcriptionProviderId)
    const provider: ProviderConfig = providerConfigOf(row)
    const audit = egressAudit(deps, ctx, client.id)
    const part2 = input.fields.part2 === true || client.part2 === 1
    // The note's drafting engine must be allowed this session too; if not, the recording is not sent.
    await draftingPreflight(deps, ctx, actor.practiceId, input.fields.providerId, {
      clientId: client.id,
      source: 'transcript',
      part2,
    })
    const transcriber = createOpenAiTranscriberFor(provider, {
      apiKey: apiKeyOf(deps, row),
      ...(transport.fetch ? { fetch: transport.fetch } : {}),
      now: () => deps.clock.now(),
    })
    const outcome = await transcribeRecording(
      {
        provider,
        transcriber,
        audit,
        now: () => deps.clock.now(),
        async checkConsent() {
          const now = deps.clock.now()
          if (await aiConsentNames(deps, actor.practiceId, client.id, provider, 'recording', now)) return
          await audit({
            type: 'ai.egress',
            purpose: 'transcription',
            category: 'audio',
            part2,
            recipient: recipientOf(provider),
            characters: 0,
            bytes: input.audio.bytes.byteLength,
            outcome: 'refused',
            reason: 'the client has no active consent to AI transcription of recordings by this provider',
            at: now.toISOString(),
          })
          throw new AppError(
            'CONSENT_REQUIRED',
            `Transcribing a session recording with "${provider.name}" needs the client's documented consent to AI processing of recordings that names this provider. Record it on the client's page, then try again.`,
          )
        },
        deleteAudio: () => {
          input.audio.bytes.fill(0)
          held.deleted = true
        },
      },
      input.audio,
      {
        part2,
        part2ConsentCoversProvider:
          part2 && (await part2ConsentCovers(deps, actor.practiceId, client.id, provider)),
      },
    )
    return await createEncounter(
      deps,
      ctx,
      actor,
      {
        clientId: client.id,
        fields: { ...input.fields, source: 'transcript' },
        content: outcome.sttJson,
        maxBytes: input.maxBytes,
      },
      draftingPreflight,
    )
  } finally {
    // Whatever happened, the recording does not outlive the request (the clinician keeps the file).
    input.audio.bytes.fill(0)
    if (received && !received.deleted)
      await recordAuditNow(deps, ctx, {
        action: 'audio.deleted',
        targetType: 'client',
        targetId: received.clientId,
        clientId: received.clientId,
        details: { bytes: input.audio.bytes.byteLength, transcribed: false },
      })
  }
}
