import { Page } from '../ui/page'

export function ReviewScreen({ id }: { id: string }) {
  return (
    <Page title="Review note">
      <p>{id}</p>
    </Page>
  )
}
