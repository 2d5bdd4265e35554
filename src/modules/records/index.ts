export {
  accessibleClientIds,
  auditDenied,
  canAccessClient,
  findPracticeClient,
  NO_CLINICAL_ACCESS,
  OVERSIGHT,
  requireClientAccess,
} from './access.js'
export { billingReport, SignedBilling } from './billing.service.js'
export {
  createClient,
  listClients,
  readClient,
  setCareTeam,
  toClientSummary,
  updateClient,
} from './clients.service.js'
export { isAdmin, isClinical, mayJoinCareTeam } from './records.policy.js'
export { findEncounter, insertEncounter } from './records.repo.js'
export { recordsRoutes } from './records.routes.js'
export {
  BillingItem,
  BillingQuery,
  BillingReport,
  CareTeamInput,
  Client,
  ClientList,
  ClientParams,
  ClientSummary,
  CreateClientInput,
  UpdateClientInput,
} from './records.schema.js'
