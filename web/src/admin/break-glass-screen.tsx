import { Page } from '../ui/page'

export default function BreakGlassScreen() {
  return (
    <Page title="break-glass">
      <p>Coming soon.</p>
    </Page>
  )
}
