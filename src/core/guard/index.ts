export { type DetectRiskOptions, detectRisk } from './risk.js'
export {
  categoryOfKind,
  RISK_FAMILY,
  RISK_LABEL,
  RiskCategory,
  RiskFamily,
  riskKind,
} from './risk-category.js'
