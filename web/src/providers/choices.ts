import { api } from '../api/client'
import type { ProviderChoice } from '../api/types'
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
