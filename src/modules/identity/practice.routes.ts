import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { PracticeView, UpdatePracticeInput } from './practice.schema.js'
import { getPractice, updatePractice } from './practice.service.js'

/** The practice's settings: everyone reads them, the admin changes them. */
export const practiceRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/practice',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags: ['practice'],
        summary: "The signed-in user's practice and its settings",
        response: { 200: PracticeView },
      },
    },
    async (request) => getPractice(deps, actorOf(request)),
  )

  app.patch(
    '/api/practice',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['practice'],
        summary: 'Change the name, the MFA requirement or transcript retention (audited with before/after)',
        body: UpdatePracticeInput,
        response: { 200: PracticeView, 403: Problem },
      },
    },
    async (request) => updatePractice(deps, actorOf(request), request.audit, request.body),
  )
}
