import { z } from 'zod'
import type { Access } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import {
  CreateUserInput,
  CreateUserResult,
  SupervisionLinkInput,
  SupervisionLinkView,
  UpdateUserInput,
  UserIdParams,
  UserView,
} from './users.schema.js'
import {
  createUser,
  linkSupervision,
  listSupervisionLinks,
  listUsers,
  resetUserMfa,
  unlinkSupervision,
  updateUser,
} from './users.service.js'

// People and roles are managed in a signed-in session only: no token scope reaches these routes.
const ADMIN: Access = { roles: ['admin'] }
const USER_READERS: Access = { roles: ['admin', 'privacy_officer'] }
const TAGS = ['users']

/** Users and roles, MFA reset and supervision links (admin; the privacy officer may list users). */
export const usersRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/users',
    {
      config: { access: USER_READERS },
      schema: {
        tags: TAGS,
        summary: "The practice's users and their roles",
        response: { 200: z.array(UserView), 403: Problem },
      },
    },
    async (request) => listUsers(deps, actorOf(request)),
  )

  app.post(
    '/api/users',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Add a user; a generated first password is returned once',
        body: CreateUserInput,
        response: { 201: CreateUserResult, 403: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const result = await createUser(deps, actorOf(request), request.audit, request.body)
      return reply.status(201).send(result)
    },
  )

  app.patch(
    '/api/users/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: "Change a user's name or roles, or disable them (ends their sessions and tokens)",
        params: UserIdParams,
        body: UpdateUserInput,
        response: { 200: UserView, 403: Problem, 404: Problem, 409: Problem },
      },
    },
    async (request) => updateUser(deps, actorOf(request), request.audit, request.params.id, request.body),
  )

  app.post(
    '/api/users/:id/reset-mfa',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: "Clear a user's MFA so they set it up again at the next sign-in",
        params: UserIdParams,
        response: { 200: UserView, 403: Problem, 404: Problem },
      },
    },
    async (request) => resetUserMfa(deps, actorOf(request), request.audit, request.params.id),
  )

  app.get(
    '/api/supervision-links',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Who supervises whom',
        response: { 200: z.array(SupervisionLinkView), 403: Problem },
      },
    },
    async (request) => listSupervisionLinks(deps, actorOf(request)),
  )

  app.post(
    '/api/supervision-links',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Link a supervisor to a supervisee',
        body: SupervisionLinkInput,
        response: { 201: SupervisionLinkView, 403: Problem, 404: Problem, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await linkSupervision(deps, actorOf(request), request.audit, request.body)),
  )

  app.delete(
    '/api/supervision-links/:supervisorId/:superviseeId',
    {
      config: { access: ADMIN },
      schema: {
        tags: TAGS,
        summary: 'Remove a supervision link',
        params: SupervisionLinkInput,
        response: { 204: z.null(), 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { supervisorId, superviseeId } = request.params
      await unlinkSupervision(deps, actorOf(request), request.audit, supervisorId, superviseeId)
      return reply.status(204).send(null)
    },
  )
}
