import multipart from '@fastify/multipart'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Access } from '../../http/access.js'
import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { AppError } from '../../platform/errors.js'
import type { DraftingPreflight } from './draft-job.js'
import { createEncounter } from './encounters.service.js'
import {
  AddendumInput,
  ClientParams,
  CosignNoteInput,
  EncounterAccepted,
  EncounterInput,
  EncounterUploadFields,
  NoteList,
  NoteListQuery,
  NoteParams,
  NoteView,
  RedraftAccepted,
  RedraftInput,
  ResolveFlagInput,
  SignNoteInput,
  StatementChangeInput,
  TranscriptView,
} from './notes.schema.js'
import {
  addAddendum,
  changeNoteStatement,
  cosignNote,
  listNotes,
  readNote,
  readNoteTranscript,
  redraftNote,
  resolveNoteFlag,
  signNote,
} from './notes.service.js'

// Clinical roles only: the admin never sees note text. Reading and uploading reach API tokens with
// the notes scopes; reviewing and signing are a person's acts, for signed-in sessions only.
const READ: Access = { roles: [...CLINICAL], scope: 'notes:read' }
const UPLOAD: Access = { roles: [...CLINICAL], scope: 'notes:write' }
const REVIEW: Access = { roles: [...CLINICAL] }
const ERRORS = { 403: Problem, 404: Problem, 409: Problem, 413: Problem, 422: Problem } as const
const TAGS = ['notes']

export interface NotesRoutesOptions {
  /** Asked at upload whether the engine that will draft may receive the session (see DraftingPreflight). */
  preflight?: DraftingPreflight
}

/**
 * Sessions and their notes: create an encounter (JSON or a multipart upload) which starts a
 * draft-note job; read, list, review, sign, co-sign and add addenda. Record-level rules are the
 * services'. `app/modules.ts` plugs in the providers module's preflight; without one, the job alone
 * decides whether its engine may run.
 */
export function notesRoutes({ preflight }: NotesRoutesOptions = {}): RoutePlugin {
  return async (app, deps) => {
    const maxBytes = deps.config.maxUploadBytes

    app.post(
      '/api/clients/:id/encounters',
      {
        config: { access: UPLOAD },
        schema: {
          tags: TAGS,
          summary: 'Record a session from a pasted transcript or dictation and start drafting its note',
          params: ClientParams,
          body: EncounterInput,
          response: { 202: EncounterAccepted, ...ERRORS },
        },
      },
      async (request, reply) => {
        const { text, ...fields } = request.body
        const accepted = await createEncounter(
          deps,
          request.audit,
          actorOf(request),
          {
            clientId: request.params.id,
            fields,
            content: text,
            maxBytes,
          },
          preflight,
        )
        return reply.status(202).send(accepted)
      },
    )

    // The upload route lives in its own scope, the only one that parses multipart bodies.
    await app.register(async (scope) => {
      await scope.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 21 } })
      scope.withTypeProvider<ZodTypeProvider>().post(
        '/api/clients/:id/encounters/upload',
        {
          config: { access: UPLOAD },
          schema: {
            tags: TAGS,
            summary:
              'Record a session from an uploaded transcript file (multipart: file + the encounter fields)',
            consumes: ['multipart/form-data'],
            params: ClientParams,
            response: { 202: EncounterAccepted, ...ERRORS },
          },
        },
        async (request, reply) => {
          if (!request.isMultipart())
            throw new AppError(
              'BAD_REQUEST',
              'Send the transcript as multipart/form-data with a "file" part.',
            )
          const fields: Record<string, string> = {}
          let content: Buffer | undefined
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || content)
                throw new AppError('BAD_REQUEST', 'Send exactly one file, in the part named "file".')
              content = await part.toBuffer()
            } else fields[part.fieldname] = String(part.value)
          }
          if (!content || content.length === 0)
            throw new AppError('VALIDATION_FAILED', 'The upload has no transcript file.', { field: 'file' })
          const parsed = EncounterUploadFields.safeParse(fields)
          if (!parsed.success) {
            const issue = parsed.error.issues[0]
            const field = issue?.path.map(String).join('.') || undefined
            // Names the field, never its value.
            throw new AppError(
              'VALIDATION_FAILED',
              `The form field "${field ?? 'form'}" is missing or invalid.`,
              {
                ...(field ? { field } : {}),
              },
            )
          }
          const accepted = await createEncounter(
            deps,
            request.audit,
            actorOf(request),
            {
              clientId: request.params.id,
              fields: parsed.data,
              content,
              maxBytes,
            },
            preflight,
          )
          return reply.status(202).send(accepted)
        },
      )
    })

    app.get(
      '/api/notes',
      {
        config: { access: READ },
        schema: {
          tags: TAGS,
          summary:
            'Notes you may open, by client and state; queue=cosign lists those awaiting your co-signature',
          querystring: NoteListQuery,
          response: { 200: NoteList, 403: Problem },
        },
      },
      async (request) => listNotes(deps, request.audit, actorOf(request), request.query),
    )

    app.get(
      '/api/notes/:id',
      {
        config: { access: READ },
        schema: {
          tags: TAGS,
          summary:
            "A note for review: statements with support, flags, omissions, billing, whether the session's transcript is kept, signature, addenda",
          params: NoteParams,
          response: { 200: NoteView, ...ERRORS },
        },
      },
      async (request) => readNote(deps, request.audit, actorOf(request), request.params.id),
    )

    app.get(
      '/api/notes/:id/transcript',
      {
        config: { access: READ },
        schema: {
          tags: TAGS,
          summary:
            "The session transcript a note's statements cite (utterance ids, speakers, times); empty once deleted by retention",
          params: NoteParams,
          response: { 200: TranscriptView, ...ERRORS },
        },
      },
      async (request) => readNoteTranscript(deps, request.audit, actorOf(request), request.params.id),
    )

    app.patch(
      '/api/notes/:id/statements',
      {
        config: { access: REVIEW },
        schema: {
          tags: TAGS,
          summary: 'Edit, remove, confirm or add a statement; the verifier re-runs (optimistic on version)',
          params: NoteParams,
          body: StatementChangeInput,
          response: { 200: NoteView, ...ERRORS },
        },
      },
      async (request) =>
        changeNoteStatement(deps, request.audit, actorOf(request), {
          ...request.body,
          noteId: request.params.id,
        }),
    )

    app.post(
      '/api/notes/:id/flags/resolve',
      {
        config: { access: REVIEW },
        schema: {
          tags: TAGS,
          summary: 'Confirm or dismiss a flag with a reason',
          params: NoteParams,
          body: ResolveFlagInput,
          response: { 200: NoteView, ...ERRORS },
        },
      },
      async (request) =>
        resolveNoteFlag(deps, request.audit, actorOf(request), {
          ...request.body,
          noteId: request.params.id,
        }),
    )

    app.post(
      '/api/notes/:id/redraft',
      {
        config: { access: REVIEW },
        schema: {
          tags: TAGS,
          summary: 'Draft the note again in another format (before signing)',
          params: NoteParams,
          body: RedraftInput,
          response: { 202: RedraftAccepted, ...ERRORS },
        },
      },
      async (request, reply) => {
        const accepted = await redraftNote(deps, request.audit, actorOf(request), {
          ...request.body,
          noteId: request.params.id,
        })
        return reply.status(202).send(accepted)
      },
    )

    app.post(
      '/api/notes/:id/sign',
      {
        config: { access: REVIEW },
        schema: {
          tags: TAGS,
          summary: 'Sign with the attestation; 409 SIGN_BLOCKED while anything is unresolved',
          params: NoteParams,
          body: SignNoteInput,
          response: { 200: NoteView, ...ERRORS },
        },
      },
      async (request) =>
        signNote(deps, request.audit, actorOf(request), { ...request.body, noteId: request.params.id }),
    )

    app.post(
      '/api/notes/:id/cosign',
      {
        config: { access: { roles: ['supervisor'] } },
        schema: {
          tags: TAGS,
          summary: "Co-sign a supervisee's signed note (their linked supervisor)",
          params: NoteParams,
          body: CosignNoteInput,
          response: { 200: NoteView, ...ERRORS },
        },
      },
      async (request) => cosignNote(deps, request.audit, actorOf(request), request.params.id),
    )

    app.post(
      '/api/notes/:id/addenda',
      {
        config: { access: REVIEW },
        schema: {
          tags: TAGS,
          summary: 'Add an addendum to a signed note',
          params: NoteParams,
          body: AddendumInput,
          response: { 201: NoteView, ...ERRORS },
        },
      },
      async (request, reply) => {
        const view = await addAddendum(deps, request.audit, actorOf(request), {
          ...request.body,
          noteId: request.params.id,
        })
        return reply.status(201).send(view)
      },
    )
  }
}
