import type { FastifyReply } from 'fastify'
import { z } from 'zod'
import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { type ExportFile, ExportFormat, ExportRequest, NoteParams } from './exports.schema.js'
import { exportNote } from './exports.service.js'

const ACCESS = { roles: CLINICAL, scope: 'notes:read' } as const
const RESPONSES = {
  200: z.any().describe('The file (application/pdf or text/plain)'),
  400: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
} as const

function send(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .send(file.body)
}

/**
 * Signed notes as PDF or text. GET takes the recipient as query parameters (the API plan's form);
 * POST takes them in a JSON body, which keeps the recipient out of URLs and needs the CSRF token —
 * the web app uses POST for disclosures to a recipient.
 */
export const exportRoutes: RoutePlugin = (app, deps) => {
  for (const format of ExportFormat.options) {
    const url = `/api/notes/:id/export.${format}`
    const summary = `Export a signed note as ${format === 'pdf' ? 'PDF' : 'text'}; to a recipient it is a disclosure`
    app.get(
      url,
      {
        config: { access: ACCESS },
        schema: {
          tags: ['exports'],
          summary,
          params: NoteParams,
          querystring: ExportRequest,
          response: RESPONSES,
        },
      },
      async (request, reply) =>
        send(
          reply,
          await exportNote(deps, request.audit, actorOf(request), {
            ...request.query,
            noteId: request.params.id,
            format,
          }),
        ),
    )
    app.post(
      url,
      {
        config: { access: ACCESS },
        schema: { tags: ['exports'], summary, params: NoteParams, body: ExportRequest, response: RESPONSES },
      },
      async (request, reply) =>
        send(
          reply,
          await exportNote(deps, request.audit, actorOf(request), {
            ...request.body,
            noteId: request.params.id,
            format,
          }),
        ),
    )
  }
}
