import { z } from 'zod'
import { UserRole } from '../identity/index.js'

const Name = z.string().trim().min(1).max(200)
/** A calendar date of birth, YYYY-MM-DD. */
const DateOfBirth = z.iso.date()
const ExternalId = z.string().trim().min(1).max(100)

/** `POST /api/clients`: the minimum a practice keeps about a client (all encrypted at rest). */
export const CreateClientInput = z.object({
  name: Name,
  dateOfBirth: DateOfBirth.nullish(),
  /** The practice's own record number (EHR, billing system). */
  externalId: ExternalId.nullish(),
  /** A 42 CFR Part 2 record (substance-use treatment program). */
  part2: z.boolean().default(false),
  /** Care team user ids; a clinician creating the client is added to it. */
  careTeam: z.array(z.uuid()).max(50).optional(),
})
export type CreateClientInput = z.infer<typeof CreateClientInput>

/** `PATCH /api/clients/:id`: any of the fields; null clears an optional one. */
export const UpdateClientInput = z
  .object({
    name: Name,
    dateOfBirth: DateOfBirth.nullable(),
    externalId: ExternalId.nullable(),
    part2: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change')
export type UpdateClientInput = z.infer<typeof UpdateClientInput>

/** `PUT /api/clients/:id/care-team`: the whole team (clinical users of the practice). */
export const CareTeamInput = z.object({
  userIds: z
    .array(z.uuid())
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'each user once'),
})
export type CareTeamInput = z.infer<typeof CareTeamInput>

export const CareTeamMember = z.object({
  userId: z.string(),
  displayName: z.string(),
  roles: z.array(UserRole),
  addedAt: z.string(),
})
export type CareTeamMember = z.infer<typeof CareTeamMember>

/** A client as clinicians and the admin see it: demographics and care team, never note text. */
export const Client = z.object({
  id: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  externalId: z.string().nullable(),
  part2: z.boolean(),
  careTeam: z.array(CareTeamMember),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Client = z.infer<typeof Client>

export const ClientSummary = Client.omit({ careTeam: true })
export type ClientSummary = z.infer<typeof ClientSummary>

export const ClientList = z.object({ clients: z.array(ClientSummary) })
export type ClientList = z.infer<typeof ClientList>

export const ClientParams = z.object({ id: z.uuid() })

const Instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()])

/** `GET /api/billing?from=&to=`: dates of service, inclusive (a date means the whole UTC day). */
export const BillingQuery = z.object({
  from: Instant.transform((v) => (v.length === 10 ? `${v}T00:00:00.000Z` : new Date(v).toISOString())),
  to: Instant.transform((v) => (v.length === 10 ? `${v}T23:59:59.999Z` : new Date(v).toISOString())),
})
export type BillingQuery = z.infer<typeof BillingQuery>

/**
 * One signed note as the biller sees it (minimum necessary): codes, minutes, the date of service
 * and who signed. Strict, so the response can never carry a field this list does not declare —
 * no statement, no rationale, no client name.
 */
export const BillingItem = z
  .object({
    noteId: z.string(),
    encounterId: z.string(),
    clientId: z.string(),
    dateOfService: z.string(),
    signedAt: z.string(),
    signerName: z.string(),
    cosignerName: z.string().nullable(),
    service: z.string(),
    minutes: z.number().int().nullable(),
    codes: z.array(z.string().regex(/^[0-9A-Z]{5}$/)),
    addOnCodes: z.array(z.string().regex(/^[0-9A-Z]{5}$/)),
  })
  .strict()
export type BillingItem = z.infer<typeof BillingItem>

export const BillingReport = z
  .object({ from: z.string(), to: z.string(), items: z.array(BillingItem) })
  .strict()
export type BillingReport = z.infer<typeof BillingReport>
