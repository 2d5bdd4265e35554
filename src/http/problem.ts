import { STATUS_CODES } from 'node:http'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isAppError } from '../platform/errors.js'

/** The body of every error response (RFC 9457 problem details). Never carries PHI. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  requestId: z.string(),
  field: z.string().optional(),
  line: z.number().int().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** SIGN_BLOCKED: what still blocks the signature (statement and flag positions and kinds; no text). */
  blockers: z
    .array(
      z.object({
        kind: z.string(),
        section: z.string().nullable().optional(),
        index: z.number().int().optional(),
        statementId: z.string().nullable().optional(),
        flagIndex: z.number().int().optional(),
        flagKind: z.string().optional(),
      }),
    )
    .optional(),
})
export type Problem = z.infer<typeof Problem>

function send(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem)
}

function problem(request: FastifyRequest, status: number, code: string, detail: string): Problem {
  return {
    type: `urn:sidenote:problem:${code.toLowerCase()}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    requestId: String(request.id),
  }
}

/**
 * One error rendering for the whole API: AppErrors keep their public message; validation errors
 * name the fields (never the values); anything unexpected becomes a generic 500 with only the
 * request id, and is logged without its message (which could hold data).
 */
export function renderError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (isAppError(error)) {
    const p = problem(request, error.status, error.code, error.message)
    if (error.field) p.field = error.field
    if (error.line !== undefined) p.line = error.line
    if (error.code === 'SIGN_BLOCKED' && Array.isArray(error.detail?.blockers))
      p.blockers = error.detail.blockers as NonNullable<Problem['blockers']>
    if (error.status >= 500) request.log.error({ code: error.code }, 'request failed')
    return send(reply, p)
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const p = problem(request, 400, 'VALIDATION_FAILED', 'The request is not valid; see errors.')
    p.errors = error.validation.map((v) => ({
      path: [error.validationContext ?? '', v.instancePath].filter(Boolean).join(''),
      message: v.message ?? 'invalid',
    }))
    return send(reply, p)
  }
  const fe = error as FastifyError
  if (fe.statusCode === 429)
    return send(
      reply,
      problem(request, 429, 'RATE_LIMITED', 'Too many requests. Wait a minute and try again.'),
    )
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413)
    return send(
      reply,
      problem(request, 413, 'PAYLOAD_TOO_LARGE', 'The upload is larger than this server accepts.'),
    )
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return send(reply, problem(request, fe.statusCode, 'BAD_REQUEST', 'The request could not be understood.'))
  if (isResponseSerializationError(error))
    request.log.error({ kind: 'response-schema' }, 'response did not match its schema')
  else
    request.log.error(
      { err: { name: error.name, code: fe.code, stack: error.stack?.split('\n').slice(1, 8).join('\n') } },
      'unexpected error',
    )
  return send(
    reply,
    problem(
      request,
      500,
      'INTERNAL',
      'Something went wrong on the server. Quote the request id if you report it.',
    ),
  )
}
