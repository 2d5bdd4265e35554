export { type DraftWithEngineOptions, draftNoteWithEngine } from './draft-with-engine.js'
export {
  type BaaStatus,
  baaStatus,
  egressDecision,
  enforceEgress,
  guessLocality,
  recipientOf,
} from './egress.policy.js'
export { draftEmbedded, EMBEDDED_PROVIDER, embeddedEngine } from './embedded-engine.js'
export type {
  ChatCallOptions,
  ChatMessage,
  ChatModel,
  ChatRequest,
  ChatResponse,
  DraftContext,
  DraftingEngine,
  DraftProgress,
  DraftRequest,
  OutgoingSize,
} from './engine.js'
export {
  extractJson,
  ModelAnswer,
  modelAnswerJsonSchema,
  modelAnswerSchema,
  parseModelAnswer,
} from './model-answer.js'
export {
  createModelEngine,
  DEFAULT_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  MODEL_ENGINE,
  type ModelEngineDeps,
  truncationWarning,
} from './model-engine.js'
export { buildModelInput, type ModelInput, type ModelPayload } from './model-input.js'
export {
  describeRejections,
  type GuardRejection,
  type GuardResult,
  guardModelAnswer,
} from './output-guard.js'
export {
  composeDraftPrompt,
  type DraftPrompt,
  newestPrompts,
  type PromptFile,
  parsePromptFileName,
} from './prompt.js'
export {
  Baa,
  type EgressAudit,
  EgressAuditEvent,
  EgressCategory,
  EgressData,
  type EgressDecision,
  EgressRecipient,
  Locality,
  Provenance,
  ProviderConfig,
  type ProviderConfigInput,
  ProviderKind,
  TokenCounts,
} from './provider.schema.js'
export {
  backoffDelay,
  DEFAULT_RETRY,
  formatSeconds,
  isRetryableStatus,
  type ProviderFailureInfo,
  parseRetryAfter,
  providerFailure,
  providerFailureInfo,
  providerTimeout,
  type RetryPolicy,
  realSleep,
  type Sleep,
  withRetries,
} from './retry.js'
export {
  type AudioInput,
  type TranscribeDeps,
  type TranscribeOptions,
  type Transcriber,
  type TranscriptionOutcome,
  TranscriptionResponse,
  transcribeRecording,
  transcriptionToSttJson,
  UNDIARISED_SPEAKER,
} from './transcription.js'
