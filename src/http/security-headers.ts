/**
 * The security headers on every response — the set Helmet 8 sends by default, with our Content
 * Security Policy — as one fixed table. They never vary by request, so they are computed once:
 * @fastify/helmet rebuilt Helmet's middleware (parsing the CSP directives) on every request, a few
 * percent of a note read's CPU.
 */

/** Only our own origin; no framing, plugins or inline scripts (inline styles for the web app). */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "base-uri 'self'",
  "font-src 'self' https: data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "object-src 'none'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self' 'unsafe-inline'",
  'upgrade-insecure-requests',
  "connect-src 'self'",
].join(';')

/**
 * The headers, by lower-case name. `hsts`: behind a TLS-terminating proxy (trustProxy), browsers
 * are told to use HTTPS only, for a year, subdomains included.
 */
export function securityHeaders(options: { hsts: boolean }): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    ...(options.hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'SAMEORIGIN',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
  })
}
