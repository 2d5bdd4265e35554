import { Page } from '../ui/page'

export function NewEncounterScreen({ clientId }: { clientId: string }) {
  return (
    <Page title="New session">
      <p>{clientId}</p>
    </Page>
  )
}
