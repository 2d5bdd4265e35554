import { Page } from '../ui/page'

export function CosignQueueScreen() {
  return (
    <Page title="CosignQueueScreen">
      <p>Coming soon.</p>
    </Page>
  )
}
