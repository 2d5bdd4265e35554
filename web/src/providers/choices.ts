import { api } from '../api/client'
import type { ProviderChoice } from '../api/types'
import { LOCALITY_LABELS } from '../ui/labels'
import { type Resource, useResource } from '../ui/use-resource'

/** The practice's active outside AI providers, for a consent to name or a recording to be transcribed by. */
export function useProviderChoices(): Resource<ProviderChoice[]> {
  return useResource(
    async () => (await api.get<{ providers: ProviderChoice[] }>('/api/providers/choices')).providers,
    'provider-choices',
  )
}

/** Whether PHI may go to the provider today: it runs on the practice's side, or a BAA is in force. */
export function mayReceivePhi(p: ProviderChoice): boolean {
  return p.baaStatus === 'not-needed' || p.baaStatus === 'active'
}

/**
 * A provider as a clinician picks it: its name, where it runs and, when PHI may not go there, that
 * no business associate agreement is in force (`refusal` says what follows from that, if anything).
 */
export function choiceLabel(p: ProviderChoice, refusal = ''): string {
  const baa = mayReceivePhi(p) ? '' : `; no business associate agreement in force${refusal}`
  return `${p.name} (${LOCALITY_LABELS[p.locality].toLowerCase()}${baa})`
}
