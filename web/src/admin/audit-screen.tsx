import { Page } from '../ui/page'

export default function AuditScreen() {
  return (
    <Page title="audit">
      <p>Coming soon.</p>
    </Page>
  )
}
