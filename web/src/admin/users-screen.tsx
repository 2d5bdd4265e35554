import { Page } from '../ui/page'

export default function UsersScreen() {
  return (
    <Page title="users">
      <p>Coming soon.</p>
    </Page>
  )
}
