import type { Draft } from '../drafting/draft.schema.js'
import { draftWithEmbeddedEngine, EMBEDDED_ENGINE } from '../drafting/engine.js'
import type { DraftContext, DraftingEngine, DraftRequest } from './engine.js'
import { ProviderConfig } from './provider.schema.js'

/** The embedded engine as a registry entry: always present, in-process, nothing leaves. */
export const EMBEDDED_PROVIDER: ProviderConfig = Object.freeze(
  ProviderConfig.parse({ id: 'embedded', name: 'Embedded engine', kind: 'embedded', locality: 'in-process' }),
)

/** Draft with the embedded engine (synchronous underneath; cancellable before it starts). */
export function draftEmbedded(request: DraftRequest): Draft {
  return draftWithEmbeddedEngine(request.transcript, {
    format: request.format,
    riskFlags: request.riskFlags,
    ...(request.member ? { member: request.member } : {}),
    ...(request.maxWords ? { maxWords: request.maxWords } : {}),
  })
}

/** The embedded engine behind the DraftingEngine interface. */
export const embeddedEngine: DraftingEngine = Object.freeze({
  name: EMBEDDED_ENGINE.name,
  version: EMBEDDED_ENGINE.version,
  provider: EMBEDDED_PROVIDER,
  async draft(request: DraftRequest, context: DraftContext = {}): Promise<Draft> {
    context.signal?.throwIfAborted()
    return draftEmbedded(request)
  },
})
