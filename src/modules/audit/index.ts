export type { AuditQuery } from './audit.repo.js'
export {
  AuditAction,
  type AuditContext,
  type AuditEventInput,
  AuditEventView,
  AuditOutcome,
  ChainVerdict,
} from './audit.schema.js'
export {
  type AuditDeps,
  auditReport,
  recordAudit,
  recordAuditNow,
  verifyAuditChain,
} from './audit.service.js'
