import { z } from 'zod'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { CreatedToken, CreateTokenInput, TokenIdParams, TokenView } from './tokens.schema.js'
import { createToken, listTokens, revokeToken } from './tokens.service.js'

// Any signed-in user manages their own tokens (within their roles' scopes); no token scope reaches
// these routes, so a token can neither mint nor list tokens.
const SIGNED_IN = { roles: 'any' } as const

/** API tokens for integrations: create (secret shown once), list, revoke. */
export const tokenRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/tokens',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['tokens'],
        summary: "Your API tokens (an admin sees the practice's); never their secrets",
        response: { 200: z.array(TokenView) },
      },
    },
    async (request) => listTokens(deps, actorOf(request)),
  )

  app.post(
    '/api/tokens',
    {
      config: {
        access: SIGNED_IN,
        // Per user (the limit runs after sign-in): a hijacked session cannot mint tokens by the hundred.
        rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: (req) => req.actor?.userId ?? req.ip },
      },
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token with scopes your role allows; the secret is returned once',
        body: CreateTokenInput,
        response: { 201: CreatedToken, 403: Problem },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createToken(deps, actorOf(request), request.audit, request.body)),
  )

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ['tokens'],
        summary: 'Revoke an API token (yours, or any of the practice for an admin)',
        params: TokenIdParams,
        response: { 204: z.null(), 404: Problem },
      },
    },
    async (request, reply) => {
      await revokeToken(deps, actorOf(request), request.audit, request.params.id)
      return reply.status(204).send(null)
    },
  )
}
