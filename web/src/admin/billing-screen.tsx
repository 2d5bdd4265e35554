import { Page } from '../ui/page'

export default function BillingScreen() {
  return (
    <Page title="billing">
      <p>Coming soon.</p>
    </Page>
  )
}
