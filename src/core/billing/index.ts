export { type BillingInput, type BillingSuggestion, Service, suggestBilling } from './cpt.js'
