import { generateSecret, generateSync, generateURI, verifySync } from 'otplib'

/** A new TOTP secret (base32) and its otpauth:// URI for an authenticator app. */
export function newTotp(label: string): { secret: string; otpauthUri: string } {
  const secret = generateSecret()
  return { secret, otpauthUri: generateURI({ secret, label, issuer: 'Sidenote' }) }
}

/** Check a 6-digit code at the given time, accepting the neighbouring 30-second step for clock drift. */
export function checkTotp(secret: string, code: string, at: Date): boolean {
  try {
    return verifySync({ secret, token: code, epoch: Math.floor(at.getTime() / 1000), epochTolerance: 30 })
      .valid
  } catch {
    return false
  }
}

/** The current code (tests and the demo seed use it). */
export function totpNow(secret: string, at: Date): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) })
}
