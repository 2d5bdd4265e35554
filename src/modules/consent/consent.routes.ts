import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import {
  ClientParams,
  Consent,
  ConsentList,
  ConsentParams,
  RecordConsentInput,
  RevokeConsentInput,
} from './consent.schema.js'
import { listConsents, recordConsent, revokeConsent } from './consent.service.js'

const ERRORS = { 403: Problem, 404: Problem, 409: Problem, 422: Problem } as const

/** A client's consents: record, list, revoke. Record-level access (care team) is the service's. */
export const consentRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/clients/:id/consents',
    {
      config: { access: { roles: [...CLINICAL, 'admin', 'privacy_officer'], scope: 'clients:read' } },
      schema: {
        tags: ['consent'],
        summary: "A client's consents (AI processing, Part 2 disclosure, SUD counseling notes)",
        params: ClientParams,
        response: { 200: ConsentList, ...ERRORS },
      },
    },
    async (request) => listConsents(deps, request.audit, actorOf(request), request.params.id),
  )

  app.post(
    '/api/clients/:id/consents',
    {
      config: { access: { roles: CLINICAL } },
      schema: {
        tags: ['consent'],
        summary: "Record a client's consent as documented (scope, method, signer, dates)",
        params: ClientParams,
        body: RecordConsentInput,
        response: { 201: Consent, ...ERRORS },
      },
    },
    async (request, reply) => {
      const consent = await recordConsent(deps, request.audit, actorOf(request), {
        ...request.body,
        clientId: request.params.id,
      })
      return reply.status(201).send(consent)
    },
  )

  app.post(
    '/api/consents/:id/revoke',
    {
      config: { access: { roles: CLINICAL } },
      schema: {
        tags: ['consent'],
        summary: 'Revoke a consent: nothing relies on it from now on',
        params: ConsentParams,
        body: RevokeConsentInput,
        response: { 200: Consent, ...ERRORS },
      },
    },
    async (request) =>
      revokeConsent(deps, request.audit, actorOf(request), { ...request.body, consentId: request.params.id }),
  )
}
