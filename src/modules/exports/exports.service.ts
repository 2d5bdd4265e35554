import { FORMATS } from '../../core/drafting/formats.js'
import type { Deps } from '../../platform/deps.js'
import { AppError } from '../../platform/errors.js'
import { type AuditContext, type AuditEventInput, recordAudit, recordAuditNow } from '../audit/index.js'
import { type Consent, findDisclosureConsent } from '../consent/index.js'
import { addDisclosure } from '../disclosures/index.js'
import type { Actor } from '../identity/index.js'
import { requireClientAccess } from '../records/index.js'
import { buildNoteDocument, type ExportDocument, renderText } from './document.js'
import { type ExportSubject, findAddenda, findExportSubject, findUserNames } from './exports.repo.js'
import type { ExportFile, ExportFormat, ExportRequest } from './exports.schema.js'
import { readSignedContent } from './note-content.js'
import { renderPdf } from './pdf.js'

const ROUTE = '/api/notes/:id/export'

/**
 * Export a signed note as PDF or text (clinical access to the client needed). A Part 2 record is
 * disclosed only to a recipient and for a purpose its client's Part 2 consent covers, and carries
 * the § 2.32 notice and that consent's scope. An export to a recipient is recorded as a disclosure
 * in the same transaction as its audit event; every export, and every refusal, is audited.
 */
export async function exportNote(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  input: ExportRequest & { noteId: string; format: ExportFormat },
): Promise<ExportFile> {
  const subject = await findExportSubject(deps.db, actor.practiceId, input.noteId)
  if (!subject) throw new AppError('NOT_FOUND', 'Note not found.')
  const { note, client, encounter } = subject
  await requireClientAccess(deps, ctx, actor, client.id, { route: ROUTE })
  const part2 = client.part2 === 1 || encounter.part2 === 1
  const refused = (reason: string): AuditEventInput => ({
    action: 'note.exported',
    outcome: 'denied',
    targetType: 'note',
    targetId: note.id,
    clientId: client.id,
    details: { format: input.format, part2, reason },
  })

  if (note.state !== 'signed' || !note.signed_text_enc || !note.signed_by || !note.signed_at) {
    await recordAuditNow(deps, ctx, refused('not-signed'))
    throw new AppError(
      'CONFLICT',
      note.state === 'awaiting-cosign'
        ? 'This note is waiting for its co-signature; it can be exported once co-signed.'
        : 'Only signed notes can be exported. Sign the note first.',
    )
  }

  const now = deps.clock.now()
  let consent: Consent | null = null
  if (part2 || input.consentId) {
    consent =
      input.recipient && input.purpose
        ? await findDisclosureConsent(deps.db, deps.vault, {
            practiceId: actor.practiceId,
            clientId: client.id,
            recipient: input.recipient,
            purpose: input.purpose,
            now,
            ...(input.consentId ? { consentId: input.consentId } : {}),
          })
        : null
    if (!consent) {
      await recordAuditNow(deps, ctx, refused('consent-required'))
      throw new AppError(
        'CONSENT_REQUIRED',
        part2
          ? "This is a 42 CFR Part 2 record: it can be exported only to a recipient, and for a purpose, named in the client's active Part 2 consent. Record that consent (or choose the recipient and purpose it names), then export again."
          : 'The chosen consent is not an active consent of this client that names this recipient and purpose.',
      )
    }
  }

  const doc = await describeExport(deps, subject, {
    recipient: input.recipient
      ? { name: input.recipient, address: input.recipientAddress ?? null, purpose: input.purpose! }
      : null,
    part2,
    consent,
    now,
  })
  const file: ExportFile =
    input.format === 'pdf'
      ? {
          body: await renderPdf(doc, { createdAt: now }),
          contentType: 'application/pdf',
          filename: `note-${note.id}.pdf`,
        }
      : {
          body: Buffer.from(renderText(doc), 'utf8'),
          contentType: 'text/plain; charset=utf-8',
          filename: `note-${note.id}.txt`,
        }

  await deps.db.transaction().execute(async (trx) => {
    const disclosure = input.recipient
      ? await addDisclosure(trx, deps, ctx, {
          practiceId: actor.practiceId,
          clientId: client.id,
          disclosedAt: now.toISOString(),
          recipient: input.recipient,
          recipientAddress: input.recipientAddress ?? null,
          description: describeDisclosedPhi(doc, subject, input.format),
          purpose: input.purpose!,
          consentId: consent?.id ?? null,
          noteId: note.id,
          madeBy: actor.userId,
          part2,
          source: 'export',
        })
      : null
    await recordAudit(trx, deps, ctx, {
      action: 'note.exported',
      targetType: 'note',
      targetId: note.id,
      clientId: client.id,
      details: {
        format: input.format,
        part2,
        disclosureId: disclosure?.id ?? null,
        consentId: consent?.id ?? null,
        bytes: file.body.length,
      },
    })
  })
  return file
}

/** Gather and decrypt what the export shows, and lay it out. */
async function describeExport(
  deps: Deps,
  { note, encounter, client, practice }: ExportSubject,
  context: {
    recipient: { name: string; address: string | null; purpose: string } | null
    part2: boolean
    consent: Consent | null
    now: Date
  },
): Promise<ExportDocument> {
  const addenda = await findAddenda(deps.db, note.id)
  const names = await findUserNames(deps.db, note.practice_id, [
    note.signed_by!,
    ...(note.cosigned_by ? [note.cosigned_by] : []),
    ...addenda.map((a) => a.author_id),
  ])
  const nameOf = (id: string) => names.get(id) ?? 'Former practice member'
  const format = FORMATS[note.format as keyof typeof FORMATS]
  return buildNoteDocument({
    practiceName: practice.name,
    clientName: deps.vault.decrypt(client.name_enc, `clients.name:${client.id}`),
    noteId: note.id,
    formatTitle: format?.title ?? note.format,
    dateOfService: encounter.occurred_at.slice(0, 10),
    service: encounter.service,
    minutes: encounter.minutes,
    body: readSignedContent(deps.vault.decrypt(note.signed_text_enc!, `notes.signed_text:${note.id}`)),
    signer: nameOf(note.signed_by!),
    signedAt: note.signed_at!,
    attestation: note.attestation ?? 'Signed electronically.',
    cosigner:
      note.cosigned_by && note.cosigned_at ? { name: nameOf(note.cosigned_by), at: note.cosigned_at } : null,
    addenda: addenda.map((a) => ({
      author: nameOf(a.author_id),
      at: a.created_at,
      text: deps.vault.decrypt(a.text_enc, `note_addenda.text:${a.id}`),
    })),
    recipient: context.recipient,
    part2: context.part2,
    consent: context.consent,
    exportedAt: context.now.toISOString(),
  })
}

/** The accounting's "brief description of the PHI disclosed" for an exported note. */
function describeDisclosedPhi(
  doc: ExportDocument,
  { note, encounter }: ExportSubject,
  format: ExportFormat,
): string {
  const addenda =
    doc.addenda.length === 0
      ? ''
      : ` with ${doc.addenda.length} addend${doc.addenda.length === 1 ? 'um' : 'a'}`
  return `${doc.title} for the session of ${encounter.occurred_at.slice(0, 10)}, signed ${note.signed_at!.slice(0, 10)}${addenda} (${format === 'pdf' ? 'PDF' : 'text'} export)`
}
