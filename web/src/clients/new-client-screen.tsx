import { Page } from '../ui/page'

export function NewClientScreen() {
  return (
    <Page title="NewClientScreen">
      <p>Coming soon.</p>
    </Page>
  )
}
