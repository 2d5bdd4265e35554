export type { AuditQuery } from './audit.repo.js'
export { auditRoutes } from './audit.routes.js'
export {
  AuditAction,
  type AuditContext,
  type AuditEventInput,
  AuditEventView,
  AuditOutcome,
  AuditReportPage,
  AuditReportQuery,
  ChainVerdict,
  RangeEnd,
  RangeStart,
} from './audit.schema.js'
export {
  type AuditDeps,
  auditReport,
  checkAuditChain,
  readAuditLog,
  readWholeAuditLog,
  recordAudit,
  recordAuditNow,
  recordVerification,
  verifyAuditChain,
} from './audit.service.js'
