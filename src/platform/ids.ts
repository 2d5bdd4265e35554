import { createHash, randomBytes, randomUUID } from 'node:crypto'

/** A new random identifier for a record. */
export function newId(): string {
  return randomUUID()
}

/** A secret token for a cookie or API token: 32 random bytes, URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

/** SHA-256 hex of a secret; only the hash of a session or API token is stored. */
export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex')
}
