export { TranscriptRetention } from './retention.repo.js'
export {
  applyRetention,
  applyRetentionOnSign,
  type RetentionResult,
  systemContext,
} from './retention.service.js'
