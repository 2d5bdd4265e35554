export {
  type DraftSubject,
  draftingEngineForJob,
  draftingPreflight,
  type EngineForPracticeOptions,
  engineForPractice,
} from './engine-for-practice.js'
export { providersRoutes } from './providers.routes.js'
export * from './providers.schema.js'
export { createProvider, listProviders, providerConfigOf, updateProvider } from './providers.service.js'
export { EMBEDDED_ENTRY, serverProvider } from './server-engine.js'
