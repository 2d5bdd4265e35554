export { findActiveGrant } from './break-glass.repo.js'
export { breakGlassRoutes } from './break-glass.routes.js'
export { BREAK_GLASS_MAX_MINUTES, BreakGlassView } from './break-glass.schema.js'
export { allowedScopes, ROLE_SCOPES } from './identity.policy.js'
export { findUserByEmail, newUserRow } from './identity.repo.js'
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
export { practiceRoutes } from './practice.routes.js'
export { tokenRoutes } from './tokens.routes.js'
export { TOKEN_PREFIX } from './tokens.service.js'
export { checkTotp, totpNow } from './totp.js'
export { usersRoutes } from './users.routes.js'
