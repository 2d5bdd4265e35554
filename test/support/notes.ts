import { randomBytes } from 'node:crypto'
import type { Agent } from './app.js'

/** A multipart/form-data body: text fields, then one file part named "file". */
export function multipartBody(
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer; type?: string },
): { body: Buffer; contentType: string } {
  const boundary = `----sidenote${randomBytes(8).toString('hex')}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields))
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    )
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/plain'}\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** An AI-processing consent covering transcripts, as the consent route takes it. */
export const AI_CONSENT = {
  kind: 'ai-processing',
  scope: { recordings: false, transcripts: true, providers: [] },
  method: 'written',
  signer: 'The client',
  signedAt: '2026-01-02',
  expiresAt: '2027-01-01',
}

/** Upload a transcript file for a client through the multipart route. */
export function uploadTranscript(
  agent: Agent,
  clientId: string,
  fields: Record<string, string>,
  file: { name: string; bytes: Buffer },
) {
  const { body, contentType } = multipartBody(fields, file)
  return agent.request('POST', `/api/clients/${clientId}/encounters/upload`, body, {
    'content-type': contentType,
  })
}
