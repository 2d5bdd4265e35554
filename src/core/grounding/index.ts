export type { TextAnalysis } from './analyse.js'
export { type EvidenceIndex, type EvidenceOptions, indexEvidence } from './evidence.js'
export { findOmissions } from './omissions.js'
export {
  CONTRADICTION_CAP,
  SUPPORT_THRESHOLD,
  type VerifyOptions,
  verifyDraft,
  verifyStatement,
} from './verify.js'
