import { z } from 'zod'
import { AppError } from '../../platform/errors.js'
import { DEFAULT_MAX_BYTES } from './decode.js'
import { Role, TranscriptFormat } from './utterance.js'

/** Kinds of session a caller can name; they settle roles the words alone leave open. */
export const ServiceHint = z.enum([
  'individual',
  'intake',
  'crisis',
  'family',
  'family-with-patient',
  'family-without-patient',
  'couples',
  'group',
  'supervision',
  'med-management',
])
export type ServiceHint = z.infer<typeof ServiceHint>

/** Options of parseTranscript; every field is optional and validated. */
export const ParseOptions = z
  .object({
    /** Skip detection and parse as this format. */
    format: TranscriptFormat.optional(),
    /** Speaker label → role; labels must occur in the transcript ("*" for a dictation). */
    roles: z.record(z.string().min(1), Role).optional(),
    /** Session length in minutes, overriding timestamps and stated durations. */
    minutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .optional(),
    /** Size limit in bytes (UTF-8); default 5 MB. */
    maxBytes: z.number().int().positive().default(DEFAULT_MAX_BYTES),
    service: ServiceHint.optional(),
  })
  .strict()
export type ParseOptions = z.input<typeof ParseOptions>
export type ResolvedParseOptions = z.output<typeof ParseOptions>

/** Validate options from outside; the message names the option, never its value. */
export function resolveParseOptions(options: unknown): ResolvedParseOptions {
  const result = ParseOptions.safeParse(options ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const field = issue.path.length > 0 ? String(issue.path[0]) : undefined
  const problem = issue.code === 'unrecognized_keys' ? 'unknown option' : issue.message
  throw new AppError(
    'VALIDATION_FAILED',
    field ? `Invalid parse option "${field}": ${problem}` : `Invalid parse options: ${problem}`,
    {
      ...(field ? { field } : {}),
    },
  )
}

const ROLE_ALIASES: Readonly<Record<string, Role>> = {
  clinician: 'clinician',
  therapist: 'clinician',
  counselor: 'clinician',
  counsellor: 'clinician',
  psychologist: 'clinician',
  provider: 'clinician',
  'social worker': 'clinician',
  facilitator: 'clinician',
  'co facilitator': 'clinician',
  interviewer: 'clinician',
  prescriber: 'prescriber',
  psychiatrist: 'prescriber',
  'nurse practitioner': 'prescriber',
  np: 'prescriber',
  client: 'client',
  patient: 'client',
  pt: 'client',
  'identified patient': 'client',
  family: 'family',
  'family member': 'family',
  parent: 'family',
  mother: 'family',
  mom: 'family',
  father: 'family',
  dad: 'family',
  guardian: 'family',
  caregiver: 'family',
  spouse: 'family',
  partner: 'family',
  relative: 'family',
  collateral: 'family',
  'group member': 'group-member',
  member: 'group-member',
  group: 'group-member',
  supervisor: 'supervisor',
  supervisee: 'supervisee',
  trainee: 'supervisee',
  intern: 'supervisee',
}

/** The role a word stands for ("therapist", "Family member", "group-member"), or undefined. */
export function roleFromWord(word: string): Role | undefined {
  return ROLE_ALIASES[
    word
      .toLowerCase()
      .replace(/[\s_-]+/g, ' ')
      .trim()
  ]
}

function rolesError(message: string): AppError {
  // Entries name people, so messages point at an entry by number and never echo it.
  return new AppError('VALIDATION_FAILED', message, { field: 'roles', detail: { reason: 'roles' } })
}

/**
 * Parse the CLI's --roles value: "Dr. Rivera=clinician,Jordan=client". A label may itself hold a
 * comma ("Hollis Barrett-Njoroge, LMFT=clinician"): a piece without "=" joins the next one.
 */
export function parseRolesOption(spec: string): Record<string, Role> {
  const roles: Record<string, Role> = {}
  const entries: string[] = []
  let carry = ''
  for (const piece of spec.split(/[,;\n]/)) {
    const joined = carry ? `${carry},${piece}` : piece
    if (joined.includes('=')) {
      entries.push(joined)
      carry = ''
    } else carry = joined
  }
  if (carry.trim() !== '')
    throw rolesError(`--roles entry ${entries.length + 1} has no "=" (write label=role)`)
  if (entries.length === 0) throw rolesError('--roles is empty (write label=role,label=role)')
  entries.forEach((entry, index) => {
    const at = entry.lastIndexOf('=')
    const label = entry.slice(0, at).replace(/\s+/g, ' ').trim()
    const role = roleFromWord(entry.slice(at + 1))
    if (label === '') throw rolesError(`--roles entry ${index + 1} has no speaker label before "="`)
    if (!role) {
      throw rolesError(
        `--roles entry ${index + 1} names an unknown role; use one of clinician, prescriber, client, family, group-member, supervisor, supervisee (or therapist, counselor, family member, group member)`,
      )
    }
    if (roles[label] !== undefined && roles[label] !== role)
      throw rolesError(`--roles entry ${index + 1} gives a second role to the same speaker`)
    roles[label] = role
  })
  return roles
}
