export { consentCoversDisclosure, DISCLOSURE_CONSENT_KINDS } from './consent.policy.js'
export { consentRoutes } from './consent.routes.js'
export {
  AiProcessingScope,
  Consent,
  ConsentKind,
  ConsentList,
  ConsentMethod,
  ConsentScope,
  type DisclosureRequest,
  EndInstant,
  Part2DisclosureScope,
  Part2Purpose,
  RecordConsentInput,
  RevokeConsentInput,
  StartInstant,
  SudCounselingNotesScope,
} from './consent.schema.js'
export {
  activeConsents,
  findDisclosureConsent,
  listConsents,
  recordConsent,
  requireAiConsent,
  revokeConsent,
  toConsent,
} from './consent.service.js'
