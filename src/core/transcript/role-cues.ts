import type { Role } from './utterance.js'

/** What a speaker label alone says about its speaker. */
export interface LabelCue {
  role?: Role
  /** A title, credential or role word that marks someone speaking for the practice. */
  clinicianSide: boolean
  /** The credential or role word names a prescriber (MD, NP, psychiatrist). */
  prescriber: boolean
  /** A device name ("Loretta's iPad"), so a person whose name we do not know. */
  device: boolean
  /** First name in a possessive device label ("Loretta" in "Loretta's iPad"). */
  owner?: string
  /** Short, PHI-free words for the reason ("title Dr.", "credential LMFT"). */
  why?: string
}

const ROLE_WORDS: Readonly<Record<string, Role>> = {
  therapist: 'clinician',
  counselor: 'clinician',
  counsellor: 'clinician',
  clinician: 'clinician',
  provider: 'clinician',
  psychologist: 'clinician',
  interviewer: 'clinician',
  facilitator: 'clinician',
  'co-facilitator': 'clinician',
  cofacilitator: 'clinician',
  'group leader': 'clinician',
  'social worker': 'clinician',
  doctor: 'clinician',
  psychiatrist: 'prescriber',
  prescriber: 'prescriber',
  'nurse practitioner': 'prescriber',
  supervisor: 'supervisor',
  supervisee: 'supervisee',
  trainee: 'supervisee',
  intern: 'supervisee',
  client: 'client',
  patient: 'client',
  pt: 'client',
  interviewee: 'client',
  mother: 'family',
  mom: 'family',
  mum: 'family',
  father: 'family',
  dad: 'family',
  parent: 'family',
  guardian: 'family',
  caregiver: 'family',
  spouse: 'family',
  partner: 'family',
  wife: 'family',
  husband: 'family',
  grandmother: 'family',
  grandfather: 'family',
  grandma: 'family',
  grandpa: 'family',
  sister: 'family',
  brother: 'family',
  sibling: 'family',
  aunt: 'family',
  uncle: 'family',
  stepmother: 'family',
  stepfather: 'family',
  stepmom: 'family',
  stepdad: 'family',
  member: 'group-member',
  'group member': 'group-member',
}

// Licences and degrees that only clinicians put after their name.
const CREDENTIALS = new Set(
  'LMFT LCSW LPC LMHC LCPC LICSW LISW LPCC LMSW LSW MSW PHD PSYD EDD AMFT ACSW BCBA LPCA LCMHC MFT MFTI LADC CADC LAC CSW LCADC ALC APC LGPC'.split(
    ' ',
  ),
)
const PRESCRIBER_CREDENTIALS = new Set([
  'MD',
  'DO',
  'NP',
  'PMHNP',
  'PMHNP-BC',
  'APRN',
  'DNP',
  'PA-C',
  'FNP',
  'CNS',
])

const DEVICE_WORDS =
  'ipad|iphone|phone|galaxy|android|pixel|laptop|macbook|computer|pc|tablet|kindle|surface|chromebook|desktop|device|mac|ipod|tv'
const POSSESSIVE_DEVICE = new RegExp(`^(.+?)['’]s\\s+(?:${DEVICE_WORDS})\\b`, 'i')
const BARE_DEVICE = new RegExp(
  `^(?:${DEVICE_WORDS}|samsung|motorola|oneplus|huawei|call-in user|dial-in user|guest|unknown)\\b`,
  'i',
)
const PHONE_NUMBER = /^\+?[\d\s().-]{7,}$/

/** Read the role hints in a speaker label: titles, credentials, role words, device names. */
export function readLabel(label: string): LabelCue {
  const plain = label
    .toLowerCase()
    .replace(/[_.:]+/g, ' ')
    .replace(/\s+\d+$/, '')
    .replace(/\s+/g, ' ')
    .trim()
  const word = ROLE_WORDS[plain]
  if (word) {
    return {
      role: word,
      clinicianSide: word === 'clinician' || word === 'prescriber' || word === 'supervisor',
      prescriber: word === 'prescriber',
      device: false,
      why: 'role word as the label',
    }
  }
  const device = POSSESSIVE_DEVICE.exec(label)
  if (device)
    return {
      clinicianSide: false,
      prescriber: false,
      device: true,
      owner: device[1]!.trim(),
      why: 'device label',
    }
  if (BARE_DEVICE.test(label) || PHONE_NUMBER.test(label)) {
    return { clinicianSide: false, prescriber: false, device: true, why: 'device label' }
  }
  const paren = /\(([^)]*)\)/.exec(label)?.[1]?.toLowerCase().trim()
  if (paren) {
    const inParen = ROLE_WORDS[paren]
    if (inParen) {
      return {
        role: inParen,
        clinicianSide: inParen === 'clinician' || inParen === 'prescriber' || inParen === 'supervisor',
        prescriber: inParen === 'prescriber',
        device: false,
        why: `role word in the label (${paren})`,
      }
    }
    if (paren === 'host')
      return { clinicianSide: true, prescriber: false, device: false, why: 'meeting host' }
  }
  const tokens = label
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s,]+/)
    .map((t) => t.replace(/\./g, '').toUpperCase())
    .filter(Boolean)
  const afterComma = label.includes(',')
    ? label
        .slice(label.indexOf(',') + 1)
        .split(/[\s,]+/)
        .map((t) => t.replace(/\./g, '').toUpperCase())
    : []
  const prescriberCred = afterComma.find((t) => PRESCRIBER_CREDENTIALS.has(t))
  if (prescriberCred)
    return { clinicianSide: true, prescriber: true, device: false, why: `credential ${prescriberCred}` }
  const cred = tokens.slice(1).find((t) => CREDENTIALS.has(t))
  if (cred) return { clinicianSide: true, prescriber: false, device: false, why: `credential ${cred}` }
  if (/^(?:dr|doctor)\b\.?\s*\S/i.test(label))
    return { clinicianSide: true, prescriber: false, device: false, why: 'title Dr.' }
  return { clinicianSide: false, prescriber: false, device: false }
}
