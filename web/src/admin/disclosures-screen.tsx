import { Page } from '../ui/page'

export default function DisclosuresScreen() {
  return (
    <Page title="disclosures">
      <p>Coming soon.</p>
    </Page>
  )
}
