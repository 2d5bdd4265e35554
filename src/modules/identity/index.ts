export { identityRoutes } from './identity.routes.js'
export { type Actor, CLINICAL_ROLES, TokenScope, UserRole } from './identity.schema.js'
export {
  login,
  logout,
  parseRoles,
  resolveSession,
  resolveToken,
  sessionView,
  startMfaEnrollment,
  verifyMfa,
} from './identity.service.js'
export { hashPassword, passwordProblem, verifyPassword } from './passwords.js'
export { checkTotp, totpNow } from './totp.js'
