import { AppError } from '../../platform/errors.js'
import type { Baa, EgressData, EgressDecision, EgressRecipient, ProviderConfig } from './provider.schema.js'

/** The BAA's state on a given day: in force, not yet signed, expired, or missing. */
export type BaaStatus =
  | { state: 'active'; reference: string; expiresAt: string | undefined }
  | { state: 'missing' }
  | { state: 'not-yet-signed'; signedAt: string }
  | { state: 'expired'; expiresAt: string }

/** A calendar date counts from its first instant in UTC. */
function instant(value: string): number {
  return new Date(value.length === 10 ? `${value}T00:00:00.000Z` : value).getTime()
}

/** Is the BAA in force at `now`? On the expiry date itself it is not (the conservative reading). */
export function baaStatus(baa: Baa | undefined, now: Date): BaaStatus {
  if (!baa) return { state: 'missing' }
  const t = now.getTime()
  if (instant(baa.signedAt) > t) return { state: 'not-yet-signed', signedAt: baa.signedAt }
  if (baa.expiresAt !== undefined && instant(baa.expiresAt) <= t)
    return { state: 'expired', expiresAt: baa.expiresAt }
  return { state: 'active', reference: baa.reference, expiresAt: baa.expiresAt }
}

function baaProblem(status: Exclude<BaaStatus, { state: 'active' }>): string {
  switch (status.state) {
    case 'missing':
      return 'no Business Associate Agreement is recorded for it'
    case 'not-yet-signed':
      return `its Business Associate Agreement only takes effect on ${status.signedAt}`
    case 'expired':
      return `its Business Associate Agreement expired on ${status.expiresAt}`
  }
}

/**
 * The egress guard: may this data go to this provider, and must it be de-identified first?
 *
 * - In-process providers: nothing leaves, nothing to decide.
 * - Part 2 records go to no provider outside the process unless the client's Part 2 consent covers
 *   it, de-identified or not (automatic de-identification is not a Part 2 disclosure exception).
 * - Text with PHI goes to a hosted provider only under an active BAA. De-identified session text
 *   still counts as PHI here: automatic de-identification is best effort, not a Safe Harbor
 *   determination.
 * - Everything that leaves is de-identified, except to a practice-network provider configured with
 *   `deidentify: false`. Minimum necessary: a model needs no names to draft a note, and a network
 *   model server keeps its own request logs outside the record's access control and audit.
 */
export function egressDecision(provider: ProviderConfig, data: EgressData, now: Date): EgressDecision {
  if (provider.locality === 'in-process')
    return { allowed: true, reason: 'runs inside Sidenote; nothing leaves the process', deidentify: false }
  if (data.part2 && !data.part2ConsentCoversProvider)
    return {
      allowed: false,
      code: 'CONSENT_REQUIRED',
      deidentify: true,
      reason: `This is a 42 CFR Part 2 record and the client's Part 2 consent does not cover "${provider.name}". Draft with the embedded engine, or record a Part 2 consent that covers this provider.`,
    }
  if (provider.locality === 'hosted' && data.containsPhi) {
    const status = baaStatus(provider.baa, now)
    if (status.state !== 'active')
      return {
        allowed: false,
        code: 'EGRESS_REFUSED',
        deidentify: true,
        reason: `"${provider.name}" is a hosted provider and ${baaProblem(status)}; session text is never sent to a hosted provider without an active BAA. Record the BAA in the provider registry, or draft with the embedded engine or a model on the practice's own network.`,
      }
    const until = status.expiresAt ? ` until ${status.expiresAt}` : ''
    return {
      allowed: true,
      deidentify: true,
      reason: `hosted provider under BAA ${status.reference}${until}; text de-identified first`,
    }
  }
  const deidentify = data.containsPhi && (provider.locality === 'hosted' || provider.deidentify)
  return {
    allowed: true,
    deidentify,
    reason:
      provider.locality === 'hosted'
        ? 'hosted provider; no PHI in the text'
        : `provider on the practice's own network; ${deidentify ? 'text de-identified first' : 'identified text by configuration'}`,
  }
}

/** Throw the refusal as the application's error (its message is policy text and carries no PHI). */
export function enforceEgress(decision: EgressDecision, provider: ProviderConfig): void {
  if (decision.allowed) return
  throw new AppError(decision.code, decision.reason, {
    detail: { providerId: provider.id, locality: provider.locality },
  })
}

/** The recipient as the audit log names it: id, name, host, locality (never a key or a path). */
export function recipientOf(provider: ProviderConfig): EgressRecipient {
  let host: string | null = null
  if (provider.baseUrl) {
    try {
      host = new URL(provider.baseUrl).host
    } catch {
      host = null
    }
  }
  return { providerId: provider.id, name: provider.name, host, locality: provider.locality }
}

const PRIVATE_HOST =
  /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|[^.]+\.local|[^.]+\.internal|[^.]+\.lan|[^.]+)$/i

/**
 * The locality a base URL suggests when nobody said: loopback, private ranges and single-label or
 * .local/.lan/.internal names are the practice's network; anything else counts as hosted (and then
 * needs a BAA), so a mistake errs on the side of refusing.
 */
export function guessLocality(baseUrl: string): Exclude<ProviderConfig['locality'], 'in-process'> {
  let hostname: string
  try {
    hostname = new URL(baseUrl).hostname
  } catch {
    return 'hosted'
  }
  return PRIVATE_HOST.test(hostname) ? 'practice-network' : 'hosted'
}
