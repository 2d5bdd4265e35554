export {
  DeidOptions,
  type DeidResult,
  KnownIdentifiers,
  PhiSpan,
  PhiType,
  PlaceholderMap,
  type ReidResult,
} from './deid.schema.js'
export { deidentify, detectPhi } from './deidentify.js'
export { placeholderFor, reidentify } from './placeholders.js'
