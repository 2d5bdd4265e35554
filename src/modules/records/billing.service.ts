import { z } from 'zod'
import type { Deps } from '../../platform/deps.js'
import { type AuditContext, recordAudit } from '../audit/index.js'
import type { Actor } from '../identity/index.js'
import { findSignedForBilling } from './records.repo.js'
import type { BillingItem, BillingQuery, BillingReport } from './records.schema.js'

/** The billing suggestion as the notes module stores it at signing (`notes.billing_enc`). */
export const SignedBilling = z.object({
  service: z.string(),
  minutes: z.number().int().nullable(),
  suggested: z.array(z.string()),
  addOns: z.array(z.string()).default([]),
})
export type SignedBilling = z.infer<typeof SignedBilling>

const CODE = /^[0-9A-Z]{5}$/

/**
 * The biller's view (minimum necessary): signed notes with a date of service in the range, their
 * suggested codes and minutes, and who signed. Only the billing column is decrypted; no statement,
 * rationale or client name is ever read. The view is audited.
 */
export async function billingReport(
  deps: Deps,
  ctx: AuditContext,
  actor: Actor,
  query: BillingQuery,
): Promise<BillingReport> {
  const rows = await findSignedForBilling(deps.db, actor.practiceId, query)
  const items: BillingItem[] = rows.map((r) => {
    const billing = r.billing_enc
      ? SignedBilling.parse(JSON.parse(deps.vault.decrypt(r.billing_enc, `notes.billing:${r.note_id}`)))
      : null
    return {
      noteId: r.note_id,
      encounterId: r.encounter_id,
      clientId: r.client_id,
      dateOfService: r.occurred_at,
      signedAt: r.signed_at ?? '',
      signerName: r.signer_name,
      cosignerName: r.cosigner_name,
      service: billing?.service ?? r.service,
      minutes: billing ? billing.minutes : r.minutes,
      codes: (billing?.suggested ?? []).filter((c) => CODE.test(c)),
      addOnCodes: (billing?.addOns ?? []).filter((c) => CODE.test(c)),
    }
  })
  await deps.db.transaction().execute((trx) =>
    recordAudit(trx, deps, ctx, {
      action: 'billing.viewed',
      details: { from: query.from, to: query.to, count: items.length },
    }),
  )
  return { from: query.from, to: query.to, items }
}
