import { describe, expect, it } from 'vitest'
import { EMBEDDED_PROVIDER, embeddedEngine, ProviderConfig } from '../../core/providers/index.js'
import { createDraftingEngine } from './index.js'

describe('createDraftingEngine', () => {
  const audit = () => undefined

  it('turns a registry entry into its engine', () => {
    expect(createDraftingEngine(EMBEDDED_PROVIDER, { audit })).toBe(embeddedEngine)
    const provider = ProviderConfig.parse({
      id: 'ollama',
      name: 'Ollama',
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      locality: 'practice-network',
    })
    const engine = createDraftingEngine(provider, { audit })
    expect(engine).toMatchObject({ name: 'openai-compatible', provider: { id: 'ollama' } })
  })
})
