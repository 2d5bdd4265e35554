import { CLINICAL } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { JobParams, JobView } from './jobs.schema.js'
import { readJob } from './jobs.service.js'

/** Progress of background work (note drafting): state, stage, percentage, the note, the error. */
export const jobsRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/jobs/:id',
    {
      config: { access: { roles: [...CLINICAL], scope: 'notes:read' } },
      schema: {
        tags: ['jobs'],
        summary: 'A background job: state, progress 0–100, stage, note id, error',
        params: JobParams,
        response: { 200: JobView, 403: Problem, 404: Problem },
      },
    },
    async (request) => readJob(deps, request.audit, actorOf(request), request.params.id),
  )
}
