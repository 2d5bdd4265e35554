export {
  Consent,
  ConsentKind,
  ConsentMethod,
  ConsentScope,
  Part2Purpose,
} from './consent.schema.js'
export { activeConsents, requireAiConsent, toConsent } from './consent.service.js'
