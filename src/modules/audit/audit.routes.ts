import type { Access } from '../../http/access.js'
import type { RoutePlugin } from '../../http/app.js'
import { actorOf } from '../../http/auth.js'
import { Problem } from '../../http/problem.js'
import { AuditReportPage, AuditReportQuery, ChainVerdict } from './audit.schema.js'
import { checkAuditChain, readAuditLog } from './audit.service.js'

/** The privacy officer and the admin read and verify the trail; an integration needs `audit:read`. */
const AUDIT_READERS: Access = { roles: ['privacy_officer', 'admin'], scope: 'audit:read' }

/** The audit report (by time range, user, client, action; paged) and chain verification. */
export const auditRoutes: RoutePlugin = (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: "Audit report of the practice's events, newest first (reading it is audited)",
        querystring: AuditReportQuery,
        response: { 200: AuditReportPage, 403: Problem },
      },
    },
    async (request) => {
      const actor = actorOf(request)
      const q = request.query
      return readAuditLog(deps, request.audit, {
        practiceId: actor.practiceId,
        from: q.from,
        to: q.to,
        actorId: q.userId,
        clientId: q.clientId,
        action: q.action,
        limit: q.limit,
        beforeSeq: q.beforeSeq,
      })
    },
  )

  app.get(
    '/api/audit/verify',
    {
      config: { access: AUDIT_READERS },
      schema: {
        tags: ['audit'],
        summary: 'Verify the hash chain of the audit log; names the first broken event (audited)',
        response: { 200: ChainVerdict, 403: Problem },
      },
    },
    async (request) => checkAuditChain(deps, request.audit),
  )
}
