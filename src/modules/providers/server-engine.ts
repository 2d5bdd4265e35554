import { guessLocality, type ProviderConfig } from '../../core/providers/index.js'
import type { Config } from '../../platform/config.js'
import { EMBEDDED_ID, SERVER_ID } from './providers.schema.js'

/** The embedded engine as a registry entry: in-process, nothing leaves. */
export const EMBEDDED_ENTRY: ProviderConfig = {
  id: EMBEDDED_ID,
  name: 'Embedded engine',
  kind: 'embedded',
  locality: 'in-process',
  deidentify: true,
}

/**
 * The model the server is configured with (`SIDENOTE_ENGINE=openai`, `SIDENOTE_OPENAI_BASE_URL`,
 * `SIDENOTE_OPENAI_MODEL`), as a registry entry every practice sees; null with the embedded engine.
 * Its locality is `SIDENOTE_OPENAI_LOCALITY`, or guessed from the URL (a public host counts as
 * hosted, which needs a BAA: such providers belong in a practice's registry, where the BAA is kept).
 */
export function serverProvider(config: Config): ProviderConfig | null {
  if (config.engine !== 'openai' || !config.openaiBaseUrl || !config.openaiModel) return null
  return {
    id: SERVER_ID,
    name: `Server model ${config.openaiModel}`,
    kind: 'openai-compatible',
    baseUrl: config.openaiBaseUrl,
    model: config.openaiModel,
    locality: config.openaiLocality ?? guessLocality(config.openaiBaseUrl),
    deidentify: true,
  }
}
