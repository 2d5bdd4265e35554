import { Page } from '../ui/page'

export default function PracticeScreen() {
  return (
    <Page title="practice">
      <p>Coming soon.</p>
    </Page>
  )
}
