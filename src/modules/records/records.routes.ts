import type { Access } from '../../http/access.js'
import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { billingReport } from './billing.service.js'
import { createClient, listClients, readClient, setCareTeam, updateClient } from './clients.service.js'
import {
  BillingQuery,
  BillingReport,
  CareTeamInput,
  Client,
  ClientList,
  ClientParams,
  CreateClientInput,
  UpdateClientInput,
} from './records.schema.js'

// Clinical roles and the admin (demographics and care teams only; no note text anywhere here).
// Changes are for signed-in sessions: no token scope reaches them.
const CLIENT_READERS: Access = { roles: [...CLINICAL, 'admin'], scope: 'clients:read' }
const CLIENT_WRITERS: Access = { roles: [...CLINICAL, 'admin'] }
const BILLING: Access = { roles: ['biller', 'admin'], scope: 'billing:read' }
const ERRORS = { 403: Problem, 404: Problem, 409: Problem, 422: Problem } as const
const TAGS = ['records']

/** Clients, their care teams, and the biller's view of signed notes. Record-level access is the services'. */
export const recordsRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/clients',
    {
      config: { access: CLIENT_READERS },
      schema: {
        tags: TAGS,
        summary: 'Clients you have clinical access to (the admin: all clients of the practice)',
        response: { 200: ClientList, 403: Problem },
      },
    },
    async (request) => listClients(deps, request.audit, actorOf(request)),
  )

  app.post(
    '/api/clients',
    {
      config: { access: CLIENT_WRITERS },
      schema: {
        tags: TAGS,
        summary: 'Create a client (name, date of birth, external id, Part 2 flag, care team)',
        body: CreateClientInput,
        response: { 201: Client, ...ERRORS },
      },
    },
    async (request, reply) => {
      const client = await createClient(deps, request.audit, actorOf(request), request.body)
      return reply.status(201).send(client)
    },
  )

  app.get(
    '/api/clients/:id',
    {
      config: { access: CLIENT_READERS },
      schema: {
        tags: TAGS,
        summary: 'A client with its care team (reading it is audited)',
        params: ClientParams,
        response: { 200: Client, ...ERRORS },
      },
    },
    async (request) => readClient(deps, request.audit, actorOf(request), request.params.id),
  )

  app.patch(
    '/api/clients/:id',
    {
      config: { access: CLIENT_WRITERS },
      schema: {
        tags: TAGS,
        summary: "Change a client's demographics or Part 2 flag",
        params: ClientParams,
        body: UpdateClientInput,
        response: { 200: Client, ...ERRORS },
      },
    },
    async (request) =>
      updateClient(deps, request.audit, actorOf(request), { ...request.body, clientId: request.params.id }),
  )

  app.put(
    '/api/clients/:id/care-team',
    {
      config: { access: CLIENT_WRITERS },
      schema: {
        tags: TAGS,
        summary: "Replace a client's care team",
        params: ClientParams,
        body: CareTeamInput,
        response: { 200: Client, ...ERRORS },
      },
    },
    async (request) =>
      setCareTeam(deps, request.audit, actorOf(request), { ...request.body, clientId: request.params.id }),
  )

  app.get(
    '/api/billing',
    {
      config: { access: BILLING },
      schema: {
        tags: ['billing'],
        summary: "Signed notes' suggested codes, minutes, dates of service and signers (no clinical text)",
        querystring: BillingQuery,
        response: { 200: BillingReport, 403: Problem },
      },
    },
    async (request) => billingReport(deps, request.audit, actorOf(request), request.query),
  )
}
