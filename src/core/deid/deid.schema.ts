import { z } from 'zod'

/** Every kind of identifier Sidenote removes: the 18 Safe Harbor types as they occur in therapy talk. */
export const PhiType = z.enum([
  'name',
  'date',
  'age',
  'address',
  'phone',
  'fax',
  'email',
  'ssn',
  'mrn',
  'member_id',
  'account',
  'license',
  'plate',
  'device',
  'url',
  'ip',
  'employer',
  'facility',
  'school',
  'other',
])
export type PhiType = z.infer<typeof PhiType>

/** One identifier found in a text; offsets are UTF-16 indices into the ORIGINAL text. */
export const PhiSpan = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  type: PhiType,
  text: z.string(),
})
export type PhiSpan = z.infer<typeof PhiSpan>

/** Identifiers the practice already holds for the client (and speaker labels): always removed. */
export const KnownIdentifiers = z.object({
  names: z.array(z.string()).optional(),
  dates: z.array(z.string()).optional(),
  addresses: z.array(z.string()).optional(),
  phones: z.array(z.string()).optional(),
  emails: z.array(z.string()).optional(),
  ids: z.array(z.string()).optional(),
  employers: z.array(z.string()).optional(),
  schools: z.array(z.string()).optional(),
  facilities: z.array(z.string()).optional(),
})
export type KnownIdentifiers = z.infer<typeof KnownIdentifiers>

/** Options of `deidentify`. */
export const DeidOptions = z.object({
  known: KnownIdentifiers.optional(),
})
export type DeidOptions = z.infer<typeof DeidOptions>

/** Placeholder → the original text it replaced, e.g. `{"[NAME_1]": "Desmond"}`. */
export const PlaceholderMap = z.record(z.string(), z.string())
export type PlaceholderMap = z.infer<typeof PlaceholderMap>

/** What `deidentify` returns; `{text, spans}` is the `sidenote deid FILE --json` contract. */
export interface DeidResult {
  text: string
  spans: PhiSpan[]
  map: PlaceholderMap
}

/** What `reidentify` returns: the restored text and the placeholders it did not know. */
export interface ReidResult {
  text: string
  unknown: string[]
}

/** A detector's proposal; `priority` settles overlaps (higher wins, then longer). */
export interface Candidate {
  start: number
  end: number
  type: PhiType
  priority: number
}
