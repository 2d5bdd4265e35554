import { z } from 'zod'
import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import {
  BreakGlassGrant,
  BreakGlassListQuery,
  BreakGlassView,
  ClientIdParams,
  GrantIdParams,
  ReviewBreakGlassInput,
  StartBreakGlassInput,
} from './break-glass.schema.js'
import { listBreakGlass, reviewBreakGlass, startBreakGlass } from './break-glass.service.js'

// Emergency access is a person's decision in a session: no token scope reaches these routes.
const PRIVACY_OFFICER = { roles: ['privacy_officer'] } as const

/** Break-glass: clinicians start time-boxed emergency access; the privacy officer reviews it. */
export const breakGlassRoutes: RoutePlugin = (app, deps) => {
  app.post(
    '/api/clients/:id/break-glass',
    {
      config: { access: { roles: CLINICAL } },
      schema: {
        tags: ['break-glass'],
        summary: 'Emergency access to a client outside your care team (time-boxed, reviewed)',
        params: ClientIdParams,
        body: StartBreakGlassInput,
        response: { 201: BreakGlassGrant, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const grant = await startBreakGlass(
        deps,
        actorOf(request),
        request.audit,
        request.params.id,
        request.body,
      )
      return reply.status(201).send(grant)
    },
  )

  app.get(
    '/api/break-glass',
    {
      config: { access: PRIVACY_OFFICER },
      schema: {
        tags: ['break-glass'],
        summary: 'Emergency access grants to review (or all of them)',
        querystring: BreakGlassListQuery,
        response: { 200: z.array(BreakGlassView), 403: Problem },
      },
    },
    async (request) => listBreakGlass(deps, actorOf(request), request.audit, request.query.status),
  )

  app.post(
    '/api/break-glass/:id/review',
    {
      config: { access: PRIVACY_OFFICER },
      schema: {
        tags: ['break-glass'],
        summary: 'Review a grant: appropriate or not (an inappropriate, running grant ends now)',
        params: GrantIdParams,
        body: ReviewBreakGlassInput,
        response: { 200: BreakGlassView, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) =>
      reviewBreakGlass(deps, actorOf(request), request.audit, request.params.id, request.body),
  )
}
