import { useState } from 'react'
import type { Billing, Flag, Omission } from '../api/types'
import { flagLabel } from '../ui/labels'
import { ReasonForm } from './reason-form'

const SUBJECTS: Record<string, string> = {
  client: 'the client',
  family: 'a family member',
  'group-member': 'a group member',
  'third-party': 'someone not present',
  clinician: 'the clinician',
}

/**
 * Risk language found in the transcript, for the clinician's judgement: each with its polarity
 * (stated or denied), whom it concerns and the excerpt. Sidenote responds to none of it.
 */
export function RiskPanel({
  flags,
  readOnly,
  onActivate,
  onResolve,
}: {
  flags: { flag: Flag; index: number }[]
  readOnly: boolean
  onActivate: (evidence: string[]) => void
  onResolve: (flagIndex: number, action: 'confirm' | 'dismiss', reason: string) => Promise<void>
}) {
  const [open, setOpen] = useState<{ index: number; action: 'confirm' | 'dismiss' } | null>(null)
  return (
    <section className="panel" aria-labelledby="risk-heading">
      <h2 id="risk-heading">Risk flags ({flags.length})</h2>
      <p className="hint">
        Found in the transcript for your clinical judgement. Sidenote takes no action on them and never
        contacts anyone.
      </p>
      {flags.length === 0 ? <p>No risk language found.</p> : null}
      <ul className="plain-list">
        {flags.map(({ flag, index }) => (
          <li
            key={index}
            className={`flag ${flag.polarity ?? ''}`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: focusing a flag shows its evidence in the transcript
            tabIndex={0}
            onMouseEnter={() => onActivate(flag.evidence)}
            onFocus={() => onActivate(flag.evidence)}
          >
            <strong>{flagLabel(flag.kind)}</strong>{' '}
            <span className={flag.polarity === 'denied' ? 'badge ok' : 'badge bad'}>
              {flag.polarity === 'denied' ? 'Denied' : 'Stated'}
            </span>{' '}
            {flag.subject ? (
              <span className="hint">
                concerns {SUBJECTS[flag.subject] ?? flag.subject}
                {flag.speaker ? ` (${flag.speaker})` : ''}
              </span>
            ) : null}
            <blockquote>{flag.excerpt}</blockquote>
            <span className="hint">Evidence: {flag.evidence.join(', ') || 'none'}</span>
            {flag.note ? <p className="hint">{flag.note}</p> : null}
            {flag.resolution ? (
              <p className="hint">
                {flag.resolution.action === 'confirm' ? 'Confirmed' : 'Dismissed'}: “{flag.resolution.reason}”
              </p>
            ) : null}
            {!readOnly && !flag.resolution && open?.index !== index ? (
              <div className="row">
                <button type="button" className="small" onClick={() => setOpen({ index, action: 'confirm' })}>
                  Confirm, with note
                </button>
                <button type="button" className="small" onClick={() => setOpen({ index, action: 'dismiss' })}>
                  Dismiss, with reason
                </button>
              </div>
            ) : null}
            {open?.index === index ? (
              <ReasonForm
                label={open.action === 'confirm' ? 'Your note on this flag' : 'Why dismiss this flag?'}
                action={open.action === 'confirm' ? 'Confirm flag' : 'Dismiss flag'}
                required
                onCancel={() => setOpen(null)}
                onSubmit={async (reason) => {
                  await onResolve(index, open.action, reason ?? '')
                  setOpen(null)
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

const OMISSION_LABELS: Record<string, string> = {
  risk: 'Risk discussed',
  medication: 'Medication mentioned',
  measure: 'Measure or score mentioned',
  plan: 'Plan discussed',
}

/** Things said in the session that the draft does not mention. */
export function OmissionsPanel({
  omissions,
  onActivate,
}: {
  omissions: Omission[]
  onActivate: (evidence: string[]) => void
}) {
  return (
    <section className="panel" aria-labelledby="omissions-heading">
      <h2 id="omissions-heading">Possibly missing ({omissions.length})</h2>
      {omissions.length === 0 ? <p>Nothing found that the draft leaves out.</p> : null}
      <ul className="plain-list">
        {omissions.map((o, i) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: omissions have no id and never reorder
            key={i}
            className="flag"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: focusing an omission shows its evidence
            tabIndex={0}
            onMouseEnter={() => onActivate(o.evidence)}
            onFocus={() => onActivate(o.evidence)}
          >
            <strong>{OMISSION_LABELS[o.kind] ?? o.kind}</strong>{' '}
            <span className="hint">({o.evidence.join(', ')})</span>
            <blockquote>{o.excerpt}</blockquote>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function BillingPanel({ billing }: { billing: Billing | undefined }) {
  return (
    <section className="panel" aria-labelledby="billing-heading">
      <h2 id="billing-heading">Billing suggestion</h2>
      {!billing ? (
        <p>No suggestion for this note.</p>
      ) : (
        <>
          <dl className="facts">
            <dt>Codes</dt>
            <dd>{billing.suggested.length ? billing.suggested.join(', ') : 'none'}</dd>
            <dt>Service</dt>
            <dd>{billing.service}</dd>
            <dt>Minutes</dt>
            <dd>{billing.minutes ?? '—'}</dd>
          </dl>
          <p>{billing.rationale}</p>
          {billing.addOns.length ? (
            <>
              <h3>Add-on codes that may apply</h3>
              <ul>
                {billing.addOns.map((a) => (
                  <li key={a.code}>
                    <strong>{a.code}</strong>: {a.note}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="hint">A suggestion only: you and your biller decide what is billed.</p>
        </>
      )}
    </section>
  )
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—'
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Where the draft came from: engine, version, provider, when; as the server recorded it. */
export function ProvenancePanel({ provenance }: { provenance: Record<string, unknown> | null }) {
  return (
    <section className="panel" aria-labelledby="provenance-heading">
      <h2 id="provenance-heading">Provenance</h2>
      {!provenance ? (
        <p>Not recorded.</p>
      ) : (
        <dl className="facts provenance">
          {Object.entries(provenance).map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd>
                <code>{show(v)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  )
}
