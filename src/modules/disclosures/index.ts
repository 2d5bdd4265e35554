export { disclosureRoutes } from './disclosures.routes.js'
export {
  ACCOUNTING_YEARS,
  Disclosure,
  DisclosureAccounting,
  DisclosureQuery,
  type NewDisclosure,
  RecordDisclosureInput,
} from './disclosures.schema.js'
export {
  accountingStart,
  addDisclosure,
  listDisclosures,
  recordDisclosure,
  toDisclosure,
} from './disclosures.service.js'
