import { Page } from '../ui/page'

export default function ProvidersScreen() {
  return (
    <Page title="providers">
      <p>Coming soon.</p>
    </Page>
  )
}
