export { type DetectRiskOptions, detectRisk } from './risk.js'
export {
  categoryOfKind,
  RISK_FAMILY,
  RISK_LABEL,
  RiskCategory,
  RiskFamily,
  riskKind,
} from './risk-category.js'
export {
  applyScopeGuard,
  type RemovedStatement,
  type ScopeContext,
  type ScopeLocation,
  type ScopeResult,
  scanStatement,
} from './scope.js'
export { ScopeKind } from './scope-lexicon.js'
