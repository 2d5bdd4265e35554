import { type FormEvent, useState } from 'react'
import { DisclosureAccountingPanel } from '../clients/disclosures'
import { Page } from '../ui/page'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The privacy officer answers a client's request for an accounting of disclosures. */
export default function DisclosuresScreen() {
  const [input, setInput] = useState('')
  const [clientId, setClientId] = useState<string | null>(null)
  const [invalid, setInvalid] = useState(false)

  const show = (event: FormEvent) => {
    event.preventDefault()
    const id = input.trim()
    setInvalid(!UUID.test(id))
    if (UUID.test(id)) setClientId(id.toLowerCase())
  }

  return (
    <Page title="Accounting of disclosures">
      <form className="row" onSubmit={show}>
        <div className="field">
          <label htmlFor="disclosures-client">Client record id</label>
          <input
            id="disclosures-client"
            size={40}
            required
            aria-invalid={invalid}
            aria-describedby="disclosures-client-hint"
            value={input}
            onChange={(e) => setInput(e.target.value)}
          />
          <p className="hint" id="disclosures-client-hint">
            The record id shown on the client's page (clinicians and the practice admin can find it).
          </p>
        </div>
        <button type="submit" className="primary">
          Show disclosures
        </button>
      </form>
      {invalid ? (
        <p className="error" role="alert">
          That is not a record id (it looks like 8-4-4-4-12 letters and digits).
        </p>
      ) : null}
      {clientId ? <DisclosureAccountingPanel key={clientId} clientId={clientId} /> : null}
    </Page>
  )
}
