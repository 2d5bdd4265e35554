import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

/** Where the shared, read-only material lives: `../shared` next to the checkout, or $SIDENOTE_SHARED. */
export const SHARED_DIR = resolve(
  process.env.SIDENOTE_SHARED ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared'),
)
export const SAMPLES_DIR = join(SHARED_DIR, 'samples')
export const CORPORA_DIR = join(SHARED_DIR, 'corpora')

const Keywords = { any_of: z.array(z.string()), also_any_of: z.array(z.string()).optional() }
const RiskItem = z.object({
  category: z.string(),
  quote: z.string(),
  subject: z.string().optional(),
  note: z.string().optional(),
})

/** The gold annotation schema of ../shared/samples/README.md. */
export const Gold = z.object({
  id: z.string(),
  file: z.string(),
  format: z.string(),
  roles: z.record(z.string(), z.string()),
  session: z
    .object({
      minutes: z.number(),
      service: z.string(),
      modality: z.string().optional(),
      time_evidence: z.string().optional(),
      psychotherapy_minutes: z.number().optional(),
    })
    .passthrough(),
  expected_cpt: z.string().nullable(),
  part2: z.boolean(),
  group: z.object({ note_for: z.string(), do_not_name: z.array(z.string()) }).optional(),
  facts: z.array(z.object({ fact: z.string(), ...Keywords })),
  interventions: z.array(z.object({ name: z.string(), ...Keywords })),
  plan: z.array(z.object({ item: z.string(), ...Keywords })),
  risk: z.object({
    positive: z.array(RiskItem),
    denied: z.array(RiskItem),
    traps: z.array(z.string()),
    notes: z.string().optional(),
  }),
  forbidden: z.array(z.object({ why: z.string(), patterns: z.array(z.string()) })),
  verbatim_artifacts: z.array(z.object({ why: z.string(), patterns: z.array(z.string()) })).optional(),
  phi: z.array(z.object({ text: z.string(), type: z.string(), note: z.string().optional() })),
  non_phi: z.array(z.string()).optional(),
})
export type Gold = z.infer<typeof Gold>

export interface Sample {
  id: string
  gold: Gold
  /** Path of the transcript file. */
  path: string
  bytes: Buffer
}

/** True when the shared samples are on this machine. */
export function samplesAvailable(): boolean {
  return existsSync(SAMPLES_DIR)
}

/** Every sample with its gold file, in id order. */
export function loadSamples(): Sample[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.gold.json'))
    .sort()
    .map((f) => {
      const gold = Gold.parse(JSON.parse(readFileSync(join(SAMPLES_DIR, f), 'utf8')))
      const path = join(SAMPLES_DIR, gold.file)
      return { id: gold.id, gold, path, bytes: readFileSync(path) }
    })
}

/** The gold keyword rule: one `any_of` hit and, if present, one `also_any_of` hit (case-insensitive). */
export function keywordsPresent(
  text: string,
  item: { any_of: string[]; also_any_of?: string[] | undefined },
): boolean {
  const lower = text.toLowerCase()
  const hit = (list: string[]) => list.some((k) => lower.includes(k.toLowerCase()))
  return (
    hit(item.any_of) &&
    (item.also_any_of === undefined || item.also_any_of.length === 0 || hit(item.also_any_of))
  )
}

/** Gold regexes are Python syntax; the ones used are also valid JavaScript with the `i` flag. */
export function goldRegex(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\(\?i\)/g, ''), 'i')
}
