import multipart from '@fastify/multipart'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { AppError } from '../../platform/errors.js'
import { ClientParams, EncounterAccepted, EncounterUploadFields } from '../notes/index.js'
import { transcribeEncounter } from './audio.service.js'
import {
  CreateProviderInput,
  ProviderChoices,
  ProviderIdParams,
  ProviderList,
  ProviderView,
  UpdateProviderInput,
} from './providers.schema.js'
import { createProvider, listProviderChoices, listProviders, updateProvider } from './providers.service.js'

/**
 * The practice's AI provider registry (admin): endpoints, models, locality, BAAs, the drafting
 * default; the clinicians' view of it (which providers a consent may name, which transcribe); and
 * recording a session from its audio.
 */
export const providersRoutes: RoutePlugin = async (app, deps) => {
  app.get(
    '/api/providers',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['providers'],
        summary: "The practice's AI providers: built-in engines, then its registry (never a key)",
        response: { 200: ProviderList, 403: Problem },
      },
    },
    async (request) => listProviders(deps, actorOf(request)),
  )

  app.get(
    '/api/providers/choices',
    {
      config: { access: { roles: [...CLINICAL] } },
      schema: {
        tags: ['providers'],
        summary:
          'The active outside providers a clinician may name in a consent or transcribe a recording with (no endpoint, model or key)',
        response: { 200: ProviderChoices, 403: Problem },
      },
    },
    async (request) => listProviderChoices(deps, actorOf(request)),
  )

  app.post(
    '/api/providers',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['providers'],
        summary: 'Add an OpenAI-compatible provider (audited without its key)',
        body: CreateProviderInput,
        response: { 201: ProviderView, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const view = await createProvider(deps, actorOf(request), request.audit, request.body)
      return reply.code(201).send(view)
    },
  )

  app.patch(
    '/api/providers/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['providers'],
        summary: 'Change a provider, record its BAA, or make it the drafting default (audited before/after)',
        params: ProviderIdParams,
        body: UpdateProviderInput,
        response: { 200: ProviderView, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request) => updateProvider(deps, actorOf(request), request.audit, request.params.id, request.body),
  )

  // Audio lives in its own scope, with its own multipart limits; the recording stays in memory.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: AUDIO_MAX_BYTES, files: 1, fields: 20, parts: 21 },
    })
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/clients/:id/encounters/audio',
      {
        config: { access: { roles: [...CLINICAL], scope: 'notes:write' } },
        schema: {
          tags: ['notes'],
          summary:
            "Record a session from its audio: transcribed by the practice's provider (consent first, audio deleted after, audited), then drafted",
          consumes: ['multipart/form-data'],
          params: ClientParams,
          response: {
            202: EncounterAccepted,
            403: Problem,
            404: Problem,
            409: Problem,
            413: Problem,
            422: Problem,
            502: Problem,
            504: Problem,
          },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart())
          throw new AppError('BAD_REQUEST', 'Send the recording as multipart/form-data with a "file" part.')
        const fields: Record<string, string> = {}
        let audio: { bytes: Buffer; fileName: string; mimeType: string } | undefined
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || audio)
              throw new AppError('BAD_REQUEST', 'Send exactly one recording, in the part named "file".')
            audio = {
              bytes: await part.toBuffer(),
              fileName: part.filename || 'session.audio',
              mimeType: part.mimetype,
            }
          } else fields[part.fieldname] = String(part.value)
        }
        if (!audio || audio.bytes.length === 0)
          throw new AppError('VALIDATION_FAILED', 'The upload has no recording.', { field: 'file' })
        const parsed = AudioFields.safeParse({ ...fields, source: 'transcript' })
        if (!parsed.success) {
          audio.bytes.fill(0)
          const field = parsed.error.issues[0]?.path.map(String).join('.') || 'form'
          // Names the field, never its value.
          throw new AppError('VALIDATION_FAILED', `The form field "${field}" is missing or invalid.`, {
            field,
          })
        }
        const { transcriptionProviderId, source: _source, ...rest } = parsed.data
        const accepted = await transcribeEncounter(deps, request.audit, actorOf(request), {
          clientId: request.params.id,
          transcriptionProviderId,
          fields: rest,
          audio,
          maxBytes: deps.config.maxUploadBytes,
        })
        return reply.status(202).send(accepted)
      },
    )
  })
}

/** The largest recording accepted (over an hour and a half of 16 kHz mono WAV). */
export const AUDIO_MAX_BYTES = 200 * 1024 * 1024

/** The audio route's form: the encounter fields and the transcription provider's registry id. */
const AudioFields = EncounterUploadFields.extend({
  transcriptionProviderId: z.string().trim().min(1).max(63),
})
