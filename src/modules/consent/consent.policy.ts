import type { Actor } from '../identity/index.js'
import { CLINICAL_ROLES } from '../identity/index.js'
import type { ConsentKind, ConsentScope, DisclosureRequest } from './consent.schema.js'

/** The consent kinds that can permit a disclosure of a Part 2 record to a named recipient. */
export const DISCLOSURE_CONSENT_KINDS: readonly ConsentKind[] = ['part2-disclosure', 'sud-counseling-notes']

/** Recipient and purpose compare without case or spacing differences ("Dr.  Lee" = "dr. lee"). */
export function sameWording(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase()
  return norm(a) === norm(b)
}

/**
 * Does a consent's scope permit this disclosure? 42 CFR 2.31 consents name the recipient and the
 * purpose; a disclosure to anyone else, or for another purpose, is outside the consent.
 */
export function consentCoversDisclosure(scope: ConsentScope, request: DisclosureRequest): boolean {
  switch (scope.kind) {
    case 'part2-disclosure':
      return (
        sameWording(scope.recipient, request.recipient) &&
        scope.purposes.some((p) => sameWording(p, request.purpose))
      )
    case 'sud-counseling-notes':
      return sameWording(scope.recipient, request.recipient) && sameWording(scope.purpose, request.purpose)
    case 'ai-processing':
      return false
  }
}

/** Clinical roles record and revoke consents (for clients they have clinical access to). */
export function mayRecordConsents(actor: Actor): boolean {
  return actor.roles.some((r) => CLINICAL_ROLES.has(r))
}

/** Admins and privacy officers read a client's consents without clinical access (no clinical text). */
export function mayOverseeClient(actor: Actor): boolean {
  return actor.roles.includes('admin') || actor.roles.includes('privacy_officer')
}
