import { randomBytes } from 'node:crypto'
import type { NoteView } from '../../src/modules/notes/index.js'
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

export const DICTATION =
  'Met with the client for fifty minutes. Client reported sleeping better since starting the evening walks. ' +
  'We practiced paced breathing together. Client agreed to keep a sleep diary this week.'

/**
 * A note drafted from a dictation through the API, its job run, and any unsupported statement
 * removed so it can be signed. Returns the note as the author sees it.
 */
export async function readyToSign(
  t: { runJobs(): Promise<unknown> },
  agent: Agent,
  clientId: string,
): Promise<NoteView & { encounterId: string }> {
  const res = await agent.request('POST', `/api/clients/${clientId}/encounters`, {
    occurredAt: '2026-01-05T14:00:00Z',
    service: 'individual',
    minutes: 50,
    noteFormat: 'dap',
    source: 'dictation',
    text: DICTATION,
  })
  if (res.statusCode !== 202) throw new Error(`encounter: ${res.statusCode} ${res.body}`)
  const { noteId } = res.json() as { noteId: string }
  await t.runJobs()
  let view = (await agent.request('GET', `/api/notes/${noteId}`)).json() as NoteView
  for (const b of view.blockers)
    if (b.kind === 'unsupported-statement')
      view = (
        await agent.request('PATCH', `/api/notes/${noteId}/statements`, {
          version: view.version,
          action: 'remove',
          section: b.section,
          index: b.index,
        })
      ).json() as NoteView
  if (view.blockers.length > 0) throw new Error('the note still has blockers')
  return view
}
