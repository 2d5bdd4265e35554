import { Page } from '../ui/page'

export function ClientsScreen() {
  return (
    <Page title="ClientsScreen">
      <p>Coming soon.</p>
    </Page>
  )
}
