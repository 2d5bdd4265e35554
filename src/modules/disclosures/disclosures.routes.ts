import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import {
  ClientParams,
  Disclosure,
  DisclosureAccounting,
  DisclosureQuery,
  RecordDisclosureInput,
} from './disclosures.schema.js'
import { listDisclosures, recordDisclosure } from './disclosures.service.js'

const ROLES = [...CLINICAL, 'admin', 'privacy_officer'] as const
const ERRORS = { 403: Problem, 404: Problem, 422: Problem } as const

/** A client's accounting of disclosures, and manual entry of disclosures made outside Sidenote. */
export const disclosureRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/clients/:id/disclosures',
    {
      config: { access: { roles: ROLES, scope: 'audit:read' } },
      schema: {
        tags: ['disclosures'],
        summary:
          'Accounting of disclosures for a client (45 CFR 164.528; six years unless `from` says otherwise)',
        params: ClientParams,
        querystring: DisclosureQuery,
        response: { 200: DisclosureAccounting, ...ERRORS },
      },
    },
    async (request) =>
      listDisclosures(deps, request.audit, actorOf(request), {
        ...request.query,
        clientId: request.params.id,
      }),
  )

  app.post(
    '/api/clients/:id/disclosures',
    {
      config: { access: { roles: ROLES } },
      schema: {
        tags: ['disclosures'],
        summary: 'Record a disclosure made outside Sidenote (date, recipient, address, description, purpose)',
        params: ClientParams,
        body: RecordDisclosureInput,
        response: { 201: Disclosure, ...ERRORS },
      },
    },
    async (request, reply) => {
      const disclosure = await recordDisclosure(deps, request.audit, actorOf(request), {
        ...request.body,
        clientId: request.params.id,
      })
      return reply.status(201).send(disclosure)
    },
  )
}
