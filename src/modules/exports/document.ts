import type { Consent } from '../consent/index.js'
import type { NoteBody } from './note-content.js'
import { PART2_NOTICE, PART2_NOTICE_TITLE, PART2_SHORT_NOTICE } from './part2-notice.js'

/** A label and its value, as a line of a document ("Date of service: 2026-01-02"). */
export type Fact = readonly [label: string, value: string]

/**
 * One exported note, laid out once and rendered as PDF or text: the same words in both, so what a
 * test reads in the text export is what the PDF prints.
 */
export interface ExportDocument {
  title: string
  facts: Fact[]
  /** The named recipient, when the export is a disclosure. */
  recipient: Fact[] | null
  /** Part 2 records: the § 2.32 notice and the consent's scope (§ 2.32(b)). */
  part2: { title: string; notice: readonly string[]; consentTitle: string; consent: Fact[] } | null
  sections: NoteBody['sections']
  signature: Fact[]
  cosignature: Fact[] | null
  addenda: { heading: string; text: string }[]
  /** Printed at the foot of every page. */
  footer: string
}

export interface NoteExportFacts {
  practiceName: string
  clientName: string
  noteId: string
  formatTitle: string
  dateOfService: string
  service: string
  minutes: number | null
  body: NoteBody
  signer: string
  signedAt: string
  attestation: string
  cosigner: { name: string; at: string } | null
  addenda: { author: string; at: string; text: string }[]
  recipient: { name: string; address: string | null; purpose: string } | null
  part2: boolean
  consent: Consent | null
  exportedAt: string
}

/** "2026-01-05T15:04:00.000Z" → "2026-01-05 15:04 UTC". */
export function displayTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}

const CONSENT_TITLES = {
  'ai-processing': 'AI processing consent',
  'part2-disclosure': '42 CFR Part 2 consent to disclose',
  'sud-counseling-notes': '42 CFR Part 2 consent to disclose SUD counseling notes',
} as const

/** The scope of a consent, explained (42 CFR 2.32(b): a copy or a clear explanation of the scope). */
export function consentScopeFacts(consent: Consent): Fact[] {
  const facts: Fact[] = [['Consent', `${CONSENT_TITLES[consent.kind]} (${consent.id})`]]
  const scope = consent.scope
  if (scope.kind === 'part2-disclosure') {
    facts.push(['Recipient named in the consent', scope.recipient])
    facts.push(['Purposes', scope.purposes.map((p) => p.replace(/-/g, ' ')).join(', ')])
    facts.push(['Information covered', scope.information])
  } else if (scope.kind === 'sud-counseling-notes') {
    facts.push(['Recipient named in the consent', scope.recipient])
    facts.push(['Purpose', scope.purpose])
  }
  facts.push([
    'Signed',
    `${consent.signedAt.slice(0, 10)} by ${consent.signer} (${consent.method.replace(/-/g, ' ')})`,
  ])
  const event = scope.kind === 'ai-processing' ? undefined : scope.expirationEvent
  const expiry = [consent.expiresAt?.slice(0, 10), event ? `upon ${event}` : undefined].filter(Boolean)
  facts.push([
    'Expires',
    expiry.length > 0
      ? `${expiry.join(' or ')}${expiry.length > 1 ? ', whichever comes first' : ''}`
      : 'not stated',
  ])
  facts.push([
    'Revocation',
    'The patient may revoke this consent at any time, except where action has been taken in reliance on it.',
  ])
  return facts
}

/** Lay out a signed note for export. Pure: everything it shows is passed in. */
export function buildNoteDocument(f: NoteExportFacts): ExportDocument {
  const facts: Fact[] = [
    ['Practice', f.practiceName],
    ['Client', f.clientName],
    ['Date of service', f.dateOfService],
    ['Service', f.minutes === null ? f.service : `${f.service}, ${f.minutes} minutes`],
    ['Format', f.formatTitle],
  ]
  return {
    title: f.formatTitle,
    facts,
    recipient: f.recipient
      ? [
          ['Disclosed to', f.recipient.name],
          ...(f.recipient.address ? ([['Address', f.recipient.address]] as Fact[]) : []),
          ['Purpose', f.recipient.purpose],
          ['Date of disclosure', displayTime(f.exportedAt)],
        ]
      : null,
    part2:
      f.part2 && f.consent
        ? {
            title: PART2_NOTICE_TITLE,
            notice: PART2_NOTICE,
            consentTitle: 'Scope of the consent under which this record is disclosed',
            consent: consentScopeFacts(f.consent),
          }
        : null,
    sections: f.body.sections,
    signature: [
      ['Signed by', f.signer],
      ['Signed at', displayTime(f.signedAt)],
      ['Attestation', f.attestation],
    ],
    cosignature: f.cosigner
      ? [
          ['Co-signed by', f.cosigner.name],
          ['Co-signed at', displayTime(f.cosigner.at)],
        ]
      : null,
    addenda: f.addenda.map((a) => ({
      heading: `Addendum by ${a.author}, ${displayTime(a.at)}`,
      text: a.text,
    })),
    footer: [
      `Note ${f.noteId} · exported ${displayTime(f.exportedAt)}`,
      f.part2 ? PART2_SHORT_NOTICE : 'Confidential health information.',
    ].join(' · '),
  }
}

/** The document as plain text (UTF-8). */
export function renderText(doc: ExportDocument): string {
  const out: string[] = []
  const facts = (list: Fact[]) => {
    for (const [k, v] of list) out.push(`${k}: ${v}`)
  }
  const heading = (text: string) => out.push('', text.toUpperCase(), '-'.repeat(Math.min(text.length, 72)))
  out.push(doc.title, '='.repeat(Math.min(doc.title.length, 72)))
  facts(doc.facts)
  if (doc.recipient) {
    out.push('')
    facts(doc.recipient)
  }
  if (doc.part2) {
    heading(doc.part2.title)
    for (const p of doc.part2.notice) out.push(p, '')
    out.pop()
    heading(doc.part2.consentTitle)
    facts(doc.part2.consent)
  }
  for (const s of doc.sections) {
    heading(s.title)
    if (s.statements.length === 0) out.push(s.note ?? 'Not addressed in this session.')
    for (const st of s.statements) out.push(`- ${st}`)
  }
  heading('Signature')
  facts(doc.signature)
  if (doc.cosignature) facts(doc.cosignature)
  for (const a of doc.addenda) {
    heading(a.heading)
    out.push(a.text)
  }
  out.push('', '--', doc.footer, '')
  return out.join('\n')
}
