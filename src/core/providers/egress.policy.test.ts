import { describe, expect, it } from 'vitest'
import { AppError } from '../../platform/errors.js'
import { baaStatus, egressDecision, enforceEgress, guessLocality, recipientOf } from './egress.policy.js'
import { ProviderConfig, type ProviderConfigInput } from './provider.schema.js'

const NOW = new Date('2026-06-15T12:00:00Z')
const PHI = { containsPhi: true, part2: false, part2ConsentCoversProvider: false }

function provider(overrides: Partial<ProviderConfigInput> = {}): ProviderConfig {
  return ProviderConfig.parse({
    id: 'p1',
    name: 'Azure OpenAI (East US)',
    kind: 'openai-compatible',
    baseUrl: 'https://example-resource.openai.azure.com/openai/v1',
    model: 'gpt-4o',
    locality: 'hosted',
    ...overrides,
  })
}

const BAA = { signedAt: '2026-01-01', expiresAt: '2027-01-01', reference: 'BAA-2026-007' }

describe('egressDecision', () => {
  it('refuses PHI to a hosted provider without a BAA, naming the provider and the fix', () => {
    const d = egressDecision(provider(), PHI, NOW)
    expect(d.allowed).toBe(false)
    if (d.allowed) return
    expect(d.code).toBe('EGRESS_REFUSED')
    expect(d.reason).toContain('Azure OpenAI (East US)')
    expect(d.reason).toMatch(/no Business Associate Agreement is recorded/)
    expect(d.reason).toMatch(/embedded engine/)
  })

  it('refuses a hosted provider whose BAA has expired or has not begun', () => {
    const expired = egressDecision(provider({ baa: { ...BAA, expiresAt: '2026-06-01' } }), PHI, NOW)
    expect(expired).toMatchObject({ allowed: false, code: 'EGRESS_REFUSED' })
    expect(expired.reason).toMatch(/expired on 2026-06-01/)
    const future = egressDecision(provider({ baa: { ...BAA, signedAt: '2026-07-01' } }), PHI, NOW)
    expect(future.reason).toMatch(/only takes effect on 2026-07-01/)
  })

  it('counts the expiry date itself as expired (the conservative reading)', () => {
    expect(baaStatus({ ...BAA, expiresAt: '2026-06-15' }, NOW).state).toBe('expired')
    expect(baaStatus({ ...BAA, expiresAt: '2026-06-16' }, NOW).state).toBe('active')
    expect(baaStatus({ signedAt: '2026-01-01', reference: 'open-ended' }, NOW).state).toBe('active')
  })

  it('allows a hosted provider under an active BAA, always de-identified', () => {
    const d = egressDecision(provider({ baa: BAA, deidentify: false }), PHI, NOW)
    expect(d).toMatchObject({ allowed: true, deidentify: true })
    expect(d.reason).toMatch(/BAA-2026-007 until 2027-01-01/)
  })

  it('lets text without PHI go to a hosted provider without a BAA', () => {
    const d = egressDecision(provider(), { ...PHI, containsPhi: false }, NOW)
    expect(d).toMatchObject({ allowed: true, deidentify: false })
  })

  it('refuses a Part 2 record to any provider outside the process without consent, even under a BAA', () => {
    for (const p of [provider({ baa: BAA }), provider({ locality: 'practice-network' })]) {
      const d = egressDecision(p, { ...PHI, part2: true }, NOW)
      expect(d).toMatchObject({ allowed: false, code: 'CONSENT_REQUIRED' })
      expect(d.reason).toMatch(/42 CFR Part 2/)
    }
  })

  it('sends a Part 2 record when the consent covers the provider (and the BAA rule still holds)', () => {
    const consented = { ...PHI, part2: true, part2ConsentCoversProvider: true }
    expect(egressDecision(provider({ locality: 'practice-network' }), consented, NOW).allowed).toBe(true)
    expect(egressDecision(provider(), consented, NOW)).toMatchObject({
      allowed: false,
      code: 'EGRESS_REFUSED',
    })
  })

  it('de-identifies for a practice-network provider unless configured otherwise', () => {
    expect(egressDecision(provider({ locality: 'practice-network' }), PHI, NOW)).toMatchObject({
      allowed: true,
      deidentify: true,
    })
    expect(
      egressDecision(provider({ locality: 'practice-network', deidentify: false }), PHI, NOW),
    ).toMatchObject({ allowed: true, deidentify: false })
  })

  it('never restricts the in-process engine, Part 2 included', () => {
    const embedded = ProviderConfig.parse({
      id: 'e',
      name: 'Embedded',
      kind: 'embedded',
      locality: 'in-process',
    })
    expect(egressDecision(embedded, { ...PHI, part2: true }, NOW)).toMatchObject({
      allowed: true,
      deidentify: false,
    })
  })

  it('enforceEgress throws the refusal as an AppError with a PHI-free detail', () => {
    const p = provider()
    const d = egressDecision(p, PHI, NOW)
    let thrown: unknown
    try {
      enforceEgress(d, p)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect(thrown).toMatchObject({ code: 'EGRESS_REFUSED', status: 403, detail: { providerId: 'p1' } })
  })
})

describe('provider registry schema', () => {
  it('rejects inconsistent entries with every problem at once', () => {
    const r = ProviderConfig.safeParse({
      id: 'x',
      name: 'X',
      kind: 'openai-compatible',
      locality: 'in-process',
    })
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['baseUrl', 'locality', 'model'])
    expect(
      ProviderConfig.safeParse({ id: 'e', name: 'E', kind: 'embedded', locality: 'hosted' }).success,
    ).toBe(false)
  })

  it('names the recipient by id, name, host and locality (no path, no key)', () => {
    expect(recipientOf(provider({ apiKeyRef: 'AZURE_KEY' }))).toEqual({
      providerId: 'p1',
      name: 'Azure OpenAI (East US)',
      host: 'example-resource.openai.azure.com',
      locality: 'hosted',
    })
  })
})

describe('guessLocality', () => {
  it('reads loopback, private ranges and local names as the practice network, the rest as hosted', () => {
    for (const url of [
      'http://127.0.0.1:11434/v1',
      'http://localhost:8080/v1',
      'http://192.168.1.20:8000/v1',
      'http://10.0.0.5/v1',
      'http://172.20.1.1/v1',
      'http://gpu-box:11434/v1',
      'http://llm.local/v1',
      'http://[::1]:8000/v1',
    ])
      expect(guessLocality(url), url).toBe('practice-network')
    for (const url of [
      'https://api.openai.example/v1',
      'http://172.32.0.1/v1',
      'https://8.8.8.8/v1',
      'nonsense',
    ])
      expect(guessLocality(url), url).toBe('hosted')
  })
})
