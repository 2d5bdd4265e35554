import { z } from 'zod'

/** The kind of service a session was; it decides which code family applies. */
export const Service = z.enum([
  'individual',
  'family-with-patient',
  'family-without-patient',
  'group',
  'intake',
  'crisis',
  'supervision',
  'med-management',
])
export type Service = z.infer<typeof Service>

export interface BillingInput {
  service: Service
  /** Documented session minutes, or null when nothing states them. */
  minutes: number | null
  /** Med-management only: minutes of psychotherapy within the visit, when stated. */
  psychotherapyMinutes?: number | null
  /** Med-management only: the prescriber managed a prescription (dose change, continuation, refill). */
  prescriptionManagement?: boolean
  /** Cues of interactive complexity heard in the session (e.g. "mandated reporting discussed"). */
  interactiveComplexityCues?: string[]
}

export interface BillingSuggestion {
  minutes: number | null
  service: Service
  suggested: string[]
  rationale: string
  addOns: { code: string; note: string }[]
}

/** Time bands for psychotherapy codes (CPT's midpoint rule: a unit needs more than half its time). */
const PSYCHOTHERAPY_BANDS = [
  { min: 53, code: '90837', label: '53 minutes or more' },
  { min: 38, code: '90834', label: '38–52 minutes' },
  { min: 16, code: '90832', label: '16–37 minutes' },
] as const

const ADD_ON_BANDS = [
  { min: 53, code: '90838' },
  { min: 38, code: '90836' },
  { min: 16, code: '90833' },
] as const

/** E/M office visit levels by total time on the date (2021 rules), used when MDM is not documented. */
const EM_TIME_BANDS = [
  { min: 40, code: '99215' },
  { min: 30, code: '99214' },
  { min: 20, code: '99213' },
  { min: 10, code: '99212' },
] as const

function psychotherapyCode(minutes: number): (typeof PSYCHOTHERAPY_BANDS)[number] | undefined {
  return PSYCHOTHERAPY_BANDS.find((b) => minutes >= b.min)
}

function interactiveComplexityNote(cues: string[] | undefined): { code: string; note: string }[] {
  if (!cues || cues.length === 0) return []
  return [
    {
      code: '90785',
      note: `Interactive complexity add-on may apply (${cues.join('; ')}); only with a primary psychotherapy or evaluation code, and only if it affected the service.`,
    },
  ]
}

/**
 * Suggest CPT codes from documented minutes and service type. Codes are shown bare, with a
 * rationale; add-on codes are only noted, never suggested on their own. Under 16 minutes no
 * psychotherapy code is suggested.
 */
export function suggestBilling(input: BillingInput): BillingSuggestion {
  const { service, minutes } = input
  const base = { minutes, service }
  const complexity = interactiveComplexityNote(input.interactiveComplexityCues)
  const noMinutes = {
    ...base,
    suggested: [],
    rationale: 'Session length is not documented; no time-based code can be suggested.',
    addOns: [],
  }

  switch (service) {
    case 'supervision':
      return {
        ...base,
        suggested: [],
        rationale: 'Clinical supervision is not a billable patient service.',
        addOns: [],
      }
    case 'intake':
      return {
        ...base,
        suggested: ['90791'],
        rationale: 'Psychiatric diagnostic evaluation (intake); not coded by time.',
        addOns: complexity,
      }
    case 'group':
      return {
        ...base,
        suggested: ['90853'],
        rationale: 'Group psychotherapy, reported per attending member; not coded by time.',
        addOns: complexity,
      }
    case 'family-with-patient':
    case 'family-without-patient': {
      const code = service === 'family-with-patient' ? '90847' : '90846'
      const who =
        service === 'family-with-patient' ? 'with the patient present' : 'without the patient present'
      if (minutes === null) return noMinutes
      if (minutes < 26)
        return {
          ...base,
          suggested: [],
          rationale: `Family psychotherapy ${who} needs at least 26 minutes; ${minutes} documented.`,
          addOns: [],
        }
      return {
        ...base,
        suggested: [code],
        rationale: `${minutes} minutes of family psychotherapy ${who}.`,
        addOns: complexity,
      }
    }
    case 'crisis': {
      if (minutes === null) return noMinutes
      if (minutes < 30) {
        const band = psychotherapyCode(minutes)
        return {
          ...base,
          suggested: band ? [band.code] : [],
          rationale: `Crisis psychotherapy under 30 minutes is reported as ordinary psychotherapy${band ? ` (${band.label})` : '; under 16 minutes no psychotherapy code applies'}.`,
          addOns: [],
        }
      }
      const extra = minutes >= 75 ? Math.floor((minutes - 75) / 30) + 1 : 0
      return {
        ...base,
        suggested: ['90839'],
        rationale: `${minutes} minutes of psychotherapy for crisis (first 30–74 minutes).`,
        addOns:
          extra > 0
            ? [
                {
                  code: '90840',
                  note: `${extra} unit(s) for each additional 30 minutes beyond the first 74.`,
                },
              ]
            : [],
      }
    }
    case 'med-management': {
      const therapy = input.psychotherapyMinutes ?? null
      const addOns: { code: string; note: string }[] = []
      if (therapy !== null) {
        const band = ADD_ON_BANDS.find((b) => therapy >= b.min)
        addOns.push(
          band
            ? {
                code: band.code,
                note: `${therapy} minutes of psychotherapy with the E/M visit; add-on only, reported with the E/M code.`,
              }
            : {
                code: '90833',
                note: `Not applicable: ${therapy} minutes of psychotherapy is below the 16-minute minimum for 90833.`,
              },
        )
      }
      if (input.prescriptionManagement) {
        return {
          ...base,
          suggested: ['99214'],
          rationale:
            'E/M office visit; prescription drug management is moderate-risk decision-making, so 99214 is the indicative level — the prescriber confirms the level from their medical decision-making.',
          addOns,
        }
      }
      if (minutes === null) return { ...noMinutes, addOns }
      const em = EM_TIME_BANDS.find((b) => minutes >= b.min)
      return {
        ...base,
        suggested: em ? [em.code] : [],
        rationale: em
          ? `E/M office visit by total time (${minutes} minutes); the prescriber confirms the level.`
          : `E/M office visit under 10 minutes; no level by time.`,
        addOns,
      }
    }
    case 'individual': {
      if (minutes === null) return noMinutes
      const band = psychotherapyCode(minutes)
      if (!band)
        return {
          ...base,
          suggested: [],
          rationale: `${minutes} minutes is under the 16-minute minimum; no psychotherapy code applies.`,
          addOns: [],
        }
      return {
        ...base,
        suggested: [band.code],
        rationale: `${minutes} minutes of individual psychotherapy (${band.label}).`,
        addOns: complexity,
      }
    }
  }
}
