import { z } from 'zod'

/** Risk categories the detector flags (the gold-file names; `substance_use` is informational). */
export const RiskCategory = z.enum([
  'suicidal_ideation',
  'passive_death_wish',
  'suicide_plan',
  'suicide_intent',
  'suicide_attempt',
  'self_harm',
  'homicidal_ideation',
  'homicidal_intent',
  'violence',
  'abuse',
  'access_to_means',
  'overdose_risk',
  'burdensomeness',
  'substance_use',
])
export type RiskCategory = z.infer<typeof RiskCategory>

/** Groups of categories a reviewer (and the evaluation) treats as one topic. */
export const RiskFamily = z.enum(['suicide', 'self_harm', 'violence', 'abuse', 'means', 'substance'])
export type RiskFamily = z.infer<typeof RiskFamily>

/** The family of each category, in one table so the two never drift apart. */
export const RISK_FAMILY: Readonly<Record<RiskCategory, RiskFamily>> = {
  suicidal_ideation: 'suicide',
  passive_death_wish: 'suicide',
  suicide_plan: 'suicide',
  suicide_intent: 'suicide',
  suicide_attempt: 'suicide',
  burdensomeness: 'suicide',
  self_harm: 'self_harm',
  homicidal_ideation: 'violence',
  homicidal_intent: 'violence',
  violence: 'violence',
  abuse: 'abuse',
  access_to_means: 'means',
  overdose_risk: 'substance',
  substance_use: 'substance',
}

/** Plain-language names used in flag notes ("answer to a direct question about suicidal thoughts"). */
export const RISK_LABEL: Readonly<Record<RiskCategory, string>> = {
  suicidal_ideation: 'suicidal thoughts',
  passive_death_wish: 'wishing to be dead',
  suicide_plan: 'a suicide plan',
  suicide_intent: 'intent to act on suicidal thoughts',
  suicide_attempt: 'suicide attempts',
  self_harm: 'self-harm',
  homicidal_ideation: 'thoughts of harming others',
  homicidal_intent: 'intent to harm others',
  violence: 'violent behaviour',
  abuse: 'abuse or physical harm by another person',
  access_to_means: 'access to lethal means',
  overdose_risk: 'overdose risk',
  burdensomeness: 'feeling a burden to others',
  substance_use: 'alcohol or drug use',
}

/** The flag kind of a category (`risk.suicidal_ideation`). */
export function riskKind(category: RiskCategory): `risk.${RiskCategory}` {
  return `risk.${category}`
}

/** The category of a flag kind, or undefined for a kind that is not a risk kind. */
export function categoryOfKind(kind: string): RiskCategory | undefined {
  const parsed = RiskCategory.safeParse(kind.replace(/^risk\./, ''))
  return kind.startsWith('risk.') && parsed.success ? parsed.data : undefined
}
