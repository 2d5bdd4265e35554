import { Page } from '../ui/page'

export function ClientScreen({ id }: { id: string }) {
  return (
    <Page title="Client">
      <p>{id}</p>
    </Page>
  )
}
