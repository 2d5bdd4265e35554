// Words shown for the API's codes: one table per kind of code.

import type { Locality } from '../api/types'

const ROLE_LABELS: Record<string, string> = {
  admin: 'practice admin',
  clinician: 'clinician',
  supervisor: 'supervisor',
  supervisee: 'supervisee',
  biller: 'biller',
  privacy_officer: 'privacy officer',
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role
}

const FLAG_LABELS: Record<string, string> = {
  'risk.suicidal_ideation': 'Suicidal ideation',
  'risk.passive_death_wish': 'Passive death wish',
  'risk.suicide_plan': 'Suicide plan',
  'risk.suicide_intent': 'Suicide intent',
  'risk.suicide_attempt': 'Suicide attempt',
  'risk.self_harm': 'Self-harm',
  'risk.homicidal_ideation': 'Homicidal ideation',
  'risk.homicidal_intent': 'Homicidal intent',
  'risk.violence': 'Violence',
  'risk.abuse': 'Abuse',
  'risk.access_to_means': 'Access to lethal means',
  'risk.overdose_risk': 'Overdose risk',
  'risk.burdensomeness': 'Perceived burdensomeness',
  'risk.substance_use': 'Substance use',
  'scope.diagnosis': 'Diagnosis nobody stated',
  'scope.diagnostic_code': 'Diagnostic code nobody stated',
  'scope.treatment_recommendation': 'Treatment recommendation nobody stated',
  'scope.clinical_advice': 'Clinical advice nobody stated',
}

export function flagLabel(kind: string): string {
  return FLAG_LABELS[kind] ?? kind.replace(/^(risk|scope)\./, '').replaceAll('_', ' ')
}

export const NOTE_FORMATS: { value: string; label: string }[] = [
  { value: 'soap', label: 'SOAP' },
  { value: 'dap', label: 'DAP' },
  { value: 'birp', label: 'BIRP' },
  { value: 'girp', label: 'GIRP' },
  { value: 'pie', label: 'PIE' },
  { value: 'intake', label: 'Intake' },
  { value: 'family', label: 'Family session' },
  { value: 'group', label: 'Group (one member)' },
  { value: 'supervision', label: 'Supervision' },
]

export function formatLabel(format: string): string {
  return NOTE_FORMATS.find((f) => f.value === format)?.label ?? format
}

export const SERVICES: { value: string; label: string }[] = [
  { value: 'individual', label: 'Individual psychotherapy' },
  { value: 'intake', label: 'Intake / diagnostic evaluation' },
  { value: 'crisis', label: 'Crisis' },
  { value: 'family-with-patient', label: 'Family, client present' },
  { value: 'family-without-patient', label: 'Family, client not present' },
  { value: 'group', label: 'Group' },
  { value: 'med-management', label: 'Medication management' },
  { value: 'supervision', label: 'Supervision' },
]

const STATE_LABELS: Record<string, string> = {
  drafting: 'Drafting',
  draft: 'Draft — needs review',
  'awaiting-cosign': 'Awaiting co-signature',
  signed: 'Signed',
  failed: 'Drafting failed',
}

export function noteStateLabel(state: string): string {
  return STATE_LABELS[state] ?? state
}

const CONSENT_KINDS: Record<string, string> = {
  'ai-processing': 'AI processing of session transcripts',
  'part2-disclosure': '42 CFR Part 2 disclosure',
  'sud-counseling-notes': 'SUD counseling notes (Part 2)',
}

export function consentKindLabel(kind: string): string {
  return CONSENT_KINDS[kind] ?? kind
}

/** Where an AI provider runs, in the words the admin chose it by. */
export const LOCALITY_LABELS: Record<Locality, string> = {
  'in-process': 'On this server',
  'practice-network': "On the practice's network",
  hosted: 'Hosted by a vendor',
}
