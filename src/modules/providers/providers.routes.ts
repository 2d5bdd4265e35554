import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import {
  CreateProviderInput,
  ProviderIdParams,
  ProviderList,
  ProviderView,
  UpdateProviderInput,
} from './providers.schema.js'
import { createProvider, listProviders, updateProvider } from './providers.service.js'

/** The practice's AI provider registry (admin): endpoints, models, locality, BAAs, the drafting default. */
export const providersRoutes: RoutePlugin = (app, deps) => {
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
}
