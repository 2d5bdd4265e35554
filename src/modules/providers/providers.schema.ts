import { z } from 'zod'
import { Baa, EMBEDDED_PROVIDER, Locality, ProviderKind } from '../../core/providers/index.js'

/** Ids the server gives its own entries; no registry entry may take them. */
export const EMBEDDED_ID = EMBEDDED_PROVIDER.id
export const SERVER_ID = 'server'
export const BUILT_IN_IDS: readonly string[] = [EMBEDDED_ID, SERVER_ID]

/** The practice's short id for a provider ("office-llm"): what consents and provenance name. */
export const RegistryId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'letters, digits and dashes, at most 63 characters')
  .refine((id) => !BUILT_IN_IDS.includes(id.toLowerCase()), 'this id is reserved for a built-in engine')

/**
 * The name of the environment variable that holds a provider's key. Only variables the operator
 * named for this purpose (`SIDENOTE_PROVIDER_…`) can be referenced: a practice admin must not be
 * able to send the server's other secrets (the master key, the database password, the server
 * model's key, cloud credentials) to an endpoint of their choosing.
 */
export const ApiKeyRef = z
  .string()
  .trim()
  .regex(
    /^SIDENOTE_PROVIDER_[A-Z0-9_]{1,80}$/,
    'the name of an environment variable starting with SIDENOTE_PROVIDER_ (capitals, digits, underscores)',
  )

/** A base URL without credentials in it (a key goes in the key fields, never the URL). */
export const BaseUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u)
  return url.username === '' && url.password === ''
}, 'the URL must not carry a user name or password')

/** A BAA as the admin records it: the end, when given, comes after the signature. */
export const BaaInput = Baa.refine(
  (b) => !b.expiresAt || b.expiresAt.slice(0, 10) > b.signedAt.slice(0, 10),
  { path: ['expiresAt'], message: 'the agreement must end after it was signed' },
)

export const BaaState = z.enum(['not-needed', 'active', 'missing', 'not-yet-signed', 'expired'])
export type BaaState = z.infer<typeof BaaState>

/** A provider as the API shows it: never a key (only whether one is stored, and its variable's name). */
export const ProviderView = z.object({
  id: z.string(),
  name: z.string(),
  kind: ProviderKind,
  baseUrl: z.string().optional(),
  model: z.string().optional(),
  locality: Locality,
  baa: Baa.optional(),
  /** Derived for today: may PHI go there (BAA in force, or not hosted)? */
  baaStatus: BaaState,
  apiKeyRef: z.string().optional(),
  /** A key was given to the API and is stored encrypted; it is never shown again. */
  hasApiKey: z.boolean(),
  deidentify: z.boolean(),
  active: z.boolean(),
  /** Drafting uses this provider when the clinician names none. */
  draftingDefault: z.boolean(),
  /** The embedded engine and the server's configured model: not stored, not editable. */
  builtIn: z.boolean(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
})
export type ProviderView = z.infer<typeof ProviderView>

export const ProviderList = z.object({ providers: z.array(ProviderView) })
export type ProviderList = z.infer<typeof ProviderList>

/**
 * A provider as clinicians see it, to name in a client's consent or to transcribe a recording with:
 * the practice's active outside providers, without endpoint, model or key (minimum necessary).
 */
export const ProviderChoice = ProviderView.pick({
  id: true,
  name: true,
  locality: true,
  baaStatus: true,
  draftingDefault: true,
  builtIn: true,
})
export type ProviderChoice = z.infer<typeof ProviderChoice>

export const ProviderChoices = z.object({ providers: z.array(ProviderChoice) })
export type ProviderChoices = z.infer<typeof ProviderChoices>

/** A new OpenAI-compatible provider in the practice's registry. */
export const CreateProviderInput = z
  .object({
    id: RegistryId,
    name: z.string().trim().min(1).max(120),
    kind: z.literal('openai-compatible').default('openai-compatible'),
    baseUrl: BaseUrl,
    model: z.string().trim().min(1).max(200),
    locality: z.enum(['practice-network', 'hosted']),
    baa: BaaInput.optional(),
    apiKeyRef: ApiKeyRef.optional(),
    /** The key itself: stored encrypted, never returned. Give this or `apiKeyRef`, not both. */
    apiKey: z.string().min(1).max(4096).optional(),
    deidentify: z.boolean().default(true),
    draftingDefault: z.boolean().default(false),
  })
  .strict()
  .refine((p) => !(p.apiKey && p.apiKeyRef), {
    path: ['apiKey'],
    message: 'give the key or the name of its environment variable, not both',
  })
export type CreateProviderInput = z.infer<typeof CreateProviderInput>

/** A change to a provider; `null` removes an optional field (the BAA, the key, its reference). */
export const UpdateProviderInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    baseUrl: BaseUrl.optional(),
    model: z.string().trim().min(1).max(200).optional(),
    locality: z.enum(['practice-network', 'hosted']).optional(),
    baa: BaaInput.nullable().optional(),
    apiKeyRef: ApiKeyRef.nullable().optional(),
    apiKey: z.string().min(1).max(4096).nullable().optional(),
    deidentify: z.boolean().optional(),
    active: z.boolean().optional(),
    draftingDefault: z.literal(true).optional(),
  })
  .strict()
  .refine((p) => !(p.apiKey && p.apiKeyRef), {
    path: ['apiKey'],
    message: 'give the key or the name of its environment variable, not both',
  })
export type UpdateProviderInput = z.infer<typeof UpdateProviderInput>

export const ProviderIdParams = z.object({ id: z.string().trim().min(1).max(63) })
