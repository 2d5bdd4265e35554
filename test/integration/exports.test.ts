import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PART2_NOTICE, PART2_SHORT_NOTICE } from '../../src/modules/exports/index.js'
import type { UserRole } from '../../src/modules/identity/index.js'
import { type Agent, startTestApp, type TestApp } from '../support/app.js'
import { DB_KINDS } from '../support/db.js'
import { pdfText, squash } from '../support/pdf-text.js'
import { auditActions, seedClient, seedEncounter, seedNote } from '../support/seed-records.js'

const CLIENT = 'Teodora Villanueva-Brandt'
const P2_CLIENT = 'Augustin Okonkwo-Lindqvist'
const RECIPIENT = 'Lakeside Opioid Treatment Program'
const ADDENDUM = 'Client called on 2026-01-04 to confirm the next appointment.'

describe.each(DB_KINDS)('exports on %s', (kind) => {
  let t: TestApp
  const agents = {} as Record<'a' | 'b', Record<UserRole, Agent>>
  let noteId: string
  let p2ClientId: string
  let p2NoteId: string
  let sessionP2NoteId: string
  let draftNoteId: string
  let awaitingNoteId: string
  let offTeamNoteId: string
  let otherPracticeNoteId: string

  beforeAll(async () => {
    t = await startTestApp(kind)
    const a = t.users.a
    const clientId = await seedClient(t, {
      practiceId: t.practices.a,
      name: CLIENT,
      careTeam: [a.clinician.id, a.supervisee.id],
    })
    const enc = await seedEncounter(t, { practiceId: t.practices.a, clientId, clinicianId: a.supervisee.id })
    noteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId,
      encounterId: enc,
      authorId: a.supervisee.id,
      cosignedBy: a.supervisor.id,
      addenda: [{ authorId: a.supervisee.id, text: ADDENDUM }],
    })
    draftNoteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId,
      encounterId: enc,
      authorId: a.clinician.id,
      state: 'draft',
    })
    awaitingNoteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId,
      encounterId: enc,
      authorId: a.supervisee.id,
      state: 'awaiting-cosign',
    })
    p2ClientId = await seedClient(t, {
      practiceId: t.practices.a,
      name: P2_CLIENT,
      part2: true,
      careTeam: [a.clinician.id],
    })
    const p2Enc = await seedEncounter(t, {
      practiceId: t.practices.a,
      clientId: p2ClientId,
      clinicianId: a.clinician.id,
    })
    p2NoteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId: p2ClientId,
      encounterId: p2Enc,
      authorId: a.clinician.id,
    })
    // A client not flagged Part 2 whose session is: the session's flag is enough.
    const mixedClient = await seedClient(t, { practiceId: t.practices.a, careTeam: [a.clinician.id] })
    const p2Session = await seedEncounter(t, {
      practiceId: t.practices.a,
      clientId: mixedClient,
      clinicianId: a.clinician.id,
      part2: true,
    })
    sessionP2NoteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId: mixedClient,
      encounterId: p2Session,
      authorId: a.clinician.id,
    })
    const offTeam = await seedClient(t, { practiceId: t.practices.a, careTeam: [a.supervisor.id] })
    const offEnc = await seedEncounter(t, {
      practiceId: t.practices.a,
      clientId: offTeam,
      clinicianId: a.supervisor.id,
    })
    offTeamNoteId = await seedNote(t, {
      practiceId: t.practices.a,
      clientId: offTeam,
      encounterId: offEnc,
      authorId: a.supervisor.id,
    })
    const b = t.users.b
    const bClient = await seedClient(t, { practiceId: t.practices.b, careTeam: [b.clinician.id] })
    const bEnc = await seedEncounter(t, {
      practiceId: t.practices.b,
      clientId: bClient,
      clinicianId: b.clinician.id,
    })
    otherPracticeNoteId = await seedNote(t, {
      practiceId: t.practices.b,
      clientId: bClient,
      encounterId: bEnc,
      authorId: b.clinician.id,
    })
    for (const p of ['a', 'b'] as const) {
      agents[p] = {} as Record<UserRole, Agent>
      for (const [role, user] of Object.entries(t.users[p])) agents[p][role as UserRole] = await t.login(user)
    }
  })
  afterAll(async () => {
    await t.close()
  })

  const disclosures = (clientId: string) =>
    t.deps.db.selectFrom('disclosures').selectAll().where('client_id', '=', clientId).execute()

  it('exports a signed note as text: practice, client, date of service, format, sections, signature, co-signature, addenda; no evidence ids', async () => {
    const res = await agents.a.clinician.request('GET', `/api/notes/${noteId}/export.txt`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="note-${noteId}.txt"`)
    expect(res.headers['cache-control']).toBe('no-store')
    const text = res.body
    for (const expected of [
      'Practice: Practice A',
      `Client: ${CLIENT}`,
      'Date of service: 2026-01-02',
      'Format: DAP progress note',
      'DATA',
      '- Client reported sleeping four to five hours a night.',
      'ASSESSMENT',
      'PLAN',
      'Not addressed in this session.',
      'Signed by: supervisee a',
      'Signed at: 2026-01-05 15:00 UTC',
      'Attestation: I have reviewed this note',
      'Co-signed by: supervisor a',
      ADDENDUM,
    ])
      expect(text).toContain(expected)
    expect(text).not.toMatch(/\bu1[23]\b|\bc1\b|evidence|support/)
    expect(text).not.toContain('42 CFR')
    const events = await auditActions(t, { actorId: t.users.a.clinician.id })
    const exported = events.filter((e) => e.action === 'note.exported' && e.target_id === noteId)
    expect(exported).toHaveLength(1)
    expect(JSON.parse(exported[0]!.details)).toMatchObject({
      format: 'txt',
      part2: false,
      disclosureId: null,
    })
  })

  it('exports the same note as a PDF set in the bundled font, with the same content', async () => {
    const res = await agents.a.supervisee.request('GET', `/api/notes/${noteId}/export.pdf`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    const pdf = res.rawPayload
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    expect(pdf.toString('latin1')).toMatch(/DejaVuSans/)
    const text = squash(pdfText(pdf))
    for (const expected of [
      'DAP progress note',
      'Practice: Practice A',
      `Client: ${CLIENT}`,
      'Date of service: 2026-01-02',
      'Client reported sleeping four to five hours a night.',
      'Client engaged in relapse-prevention planning.',
      'Not addressed in this session.',
      'Signed by: supervisee a',
      'Attestation: I have reviewed this note, edited it as needed, and attest that it accurately reflects the session.',
      'Co-signed by: supervisor a',
      ADDENDUM,
      `Note ${noteId}`,
    ])
      expect(text).toContain(expected)
    expect(text).not.toMatch(/\bu1[23]\b/)
  })

  it('lets the supervisor of a supervisee on the care team export; refuses admin, biller and privacy officer by role', async () => {
    expect((await agents.a.supervisor.request('GET', `/api/notes/${noteId}/export.txt`)).statusCode).toBe(200)
    for (const role of ['admin', 'biller', 'privacy_officer'] as const)
      expect((await agents.a[role].request('GET', `/api/notes/${noteId}/export.pdf`)).statusCode, role).toBe(
        403,
      )
  })

  it('refuses a clinician without clinical access, and answers another practice as not found', async () => {
    const off = await agents.a.clinician.request('GET', `/api/notes/${offTeamNoteId}/export.pdf`)
    expect(off.statusCode).toBe(403)
    for (const role of ['clinician', 'supervisor', 'supervisee'] as const) {
      expect((await agents.b[role].request('GET', `/api/notes/${noteId}/export.txt`)).statusCode).toBe(404)
    }
    expect(
      (await agents.a.clinician.request('GET', `/api/notes/${otherPracticeNoteId}/export.txt`)).statusCode,
    ).toBe(404)
  })

  it('exports only signed notes (409), and audits the refusal', async () => {
    const draft = await agents.a.clinician.request('GET', `/api/notes/${draftNoteId}/export.pdf`)
    expect(draft.statusCode).toBe(409)
    const awaiting = await agents.a.clinician.request('GET', `/api/notes/${awaitingNoteId}/export.txt`)
    expect(awaiting.statusCode).toBe(409)
    expect(awaiting.json().detail).toMatch(/co-signature/)
    const refusals = (await auditActions(t, { actorId: t.users.a.clinician.id })).filter(
      (e) => e.action === 'note.exported' && e.outcome === 'denied',
    )
    expect(refusals.map((e) => JSON.parse(e.details).reason)).toContain('not-signed')
  })

  it('refuses a Part 2 record without a matching consent (403 CONSENT_REQUIRED), audits it, and discloses nothing', async () => {
    const bare = await agents.a.clinician.request('GET', `/api/notes/${p2NoteId}/export.pdf`)
    expect(bare.statusCode).toBe(403)
    expect(bare.json().code).toBe('CONSENT_REQUIRED')
    const toRecipient = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.pdf`, {
      recipient: RECIPIENT,
      purpose: 'treatment',
    })
    expect(toRecipient.statusCode).toBe(403)
    expect(toRecipient.json().code).toBe('CONSENT_REQUIRED')
    expect(toRecipient.body).not.toContain(RECIPIENT)
    expect(toRecipient.body).not.toContain(P2_CLIENT)
    const sessionOnly = await agents.a.clinician.request('GET', `/api/notes/${sessionP2NoteId}/export.txt`)
    expect(sessionOnly.statusCode).toBe(403)
    expect(await disclosures(p2ClientId)).toHaveLength(0)
    const denied = (await auditActions(t, { clientId: p2ClientId })).filter(
      (e) => e.action === 'note.exported' && e.outcome === 'denied',
    )
    expect(denied.length).toBe(2)
    expect(JSON.parse(denied[0]!.details)).toMatchObject({ reason: 'consent-required', part2: true })
  })

  it('exports a Part 2 record to the recipient and purpose its consent names, carrying the § 2.32 notice and the consent scope, and records the disclosure', async () => {
    const consent = await agents.a.clinician.request('POST', `/api/clients/${p2ClientId}/consents`, {
      kind: 'part2-disclosure',
      scope: { recipient: RECIPIENT, purposes: ['treatment'], information: 'Progress notes, January 2026' },
      method: 'written',
      signer: P2_CLIENT,
      signedAt: '2026-01-03',
      expiresAt: '2026-12-31',
    })
    expect(consent.statusCode).toBe(201)
    const consentId = consent.json().id as string

    const wrongPurpose = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.pdf`, {
      recipient: RECIPIENT,
      purpose: 'payment',
    })
    expect(wrongPurpose.statusCode).toBe(403)
    const wrongRecipient = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.pdf`, {
      recipient: 'Another Clinic',
      purpose: 'treatment',
    })
    expect(wrongRecipient.statusCode).toBe(403)

    const res = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.pdf`, {
      recipient: 'lakeside  opioid treatment program',
      recipientAddress: '12 Shore Rd, Duluth, MN 55802',
      purpose: 'treatment',
    })
    expect(res.statusCode).toBe(200)
    const text = squash(pdfText(res.rawPayload))
    expect(text).toContain('Notice of federal confidentiality protections (42 CFR § 2.32)')
    expect(text).toContain(squash(PART2_NOTICE.join(' ')))
    expect(text).toContain(PART2_SHORT_NOTICE)
    expect(text).toContain(`Consent: 42 CFR Part 2 consent to disclose (${consentId})`)
    expect(text).toContain(`Recipient named in the consent: ${RECIPIENT}`)
    expect(text).toContain('Purposes: treatment')
    expect(text).toContain('Information covered: Progress notes, January 2026')
    expect(text).toContain('Expires: 2026-12-31')
    expect(text).toContain('Disclosed to: lakeside opioid treatment program')
    expect(text).toContain(`Client: ${P2_CLIENT}`)

    const rows = await disclosures(p2ClientId)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      note_id: p2NoteId,
      consent_id: consentId,
      part2: 1,
      made_by: t.users.a.clinician.id,
    })
    expect(rows[0]!.recipient_enc).not.toContain('Lakeside')
    const exported = (await auditActions(t, { clientId: p2ClientId })).filter(
      (e) => e.action === 'note.exported' && e.outcome === 'success',
    )
    expect(JSON.parse(exported[0]!.details)).toMatchObject({
      part2: true,
      disclosureId: rows[0]!.id,
      consentId,
    })
    expect((await auditActions(t, { clientId: p2ClientId })).map((e) => e.action)).toContain(
      'disclosure.recorded',
    )

    // The text export carries the same notice; GET with query parameters works as the plan says.
    const txt = await agents.a.clinician.request(
      'GET',
      `/api/notes/${p2NoteId}/export.txt?recipient=${encodeURIComponent(RECIPIENT)}&purpose=treatment&consentId=${consentId}`,
    )
    expect(txt.statusCode).toBe(200)
    expect(squash(txt.body)).toContain(squash(PART2_NOTICE.join(' ')))
    expect(txt.body).toContain('Information covered: Progress notes, January 2026')
    expect(await disclosures(p2ClientId)).toHaveLength(2)
  })

  it('accepts a separate SUD counseling notes consent for its recipient and purpose, and refuses once it is revoked', async () => {
    const sud = await agents.a.clinician.request('POST', `/api/clients/${p2ClientId}/consents`, {
      kind: 'sud-counseling-notes',
      scope: {
        recipient: 'Dr. Amara Singh',
        purpose: 'Consultation on treatment',
        expirationEvent: 'end of treatment',
      },
      method: 'electronic',
      signer: P2_CLIENT,
      signedAt: '2026-01-04',
    })
    expect(sud.statusCode).toBe(201)
    const body = { recipient: 'Dr. Amara Singh', purpose: 'consultation on treatment' }
    const ok = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.txt`, body)
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toContain('42 CFR Part 2 consent to disclose SUD counseling notes')
    expect(ok.body).toContain('Expires: upon end of treatment')
    await agents.a.clinician.request('POST', `/api/consents/${sud.json().id}/revoke`, {
      reason: 'Client revoked in writing',
    })
    const after = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.txt`, body)
    expect(after.statusCode).toBe(403)
    expect(after.json().code).toBe('CONSENT_REQUIRED')
  })

  it('refuses a named consent that does not cover the request', async () => {
    const ai = await agents.a.clinician.request('POST', `/api/clients/${p2ClientId}/consents`, {
      kind: 'ai-processing',
      scope: { recordings: false, transcripts: true },
      method: 'written',
      signer: P2_CLIENT,
      signedAt: '2026-01-04',
    })
    const res = await agents.a.clinician.request('POST', `/api/notes/${p2NoteId}/export.pdf`, {
      recipient: RECIPIENT,
      purpose: 'treatment',
      consentId: ai.json().id,
    })
    expect(res.statusCode).toBe(403)
  })

  it('records a disclosure when a non-Part 2 note goes to a named recipient; asks for the purpose', async () => {
    const noPurpose = await agents.a.clinician.request('POST', `/api/notes/${noteId}/export.pdf`, {
      recipient: RECIPIENT,
    })
    expect(noPurpose.statusCode).toBe(400)
    const res = await agents.a.clinician.request('POST', `/api/notes/${noteId}/export.pdf`, {
      recipient: 'Blue Cross Claims Review',
      purpose: 'Payment: claim review',
    })
    expect(res.statusCode).toBe(200)
    const row = (
      await t.deps.db.selectFrom('disclosures').selectAll().where('note_id', '=', noteId).execute()
    )[0]!
    expect(row).toMatchObject({ part2: 0, consent_id: null })
    expect(squash(pdfText(res.rawPayload))).not.toContain('42 CFR')
  })

  it('lets an API token with notes:read export', async () => {
    const token = await t.token(t.users.a.clinician, ['notes:read'])
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/notes/${noteId}/export.txt`,
      headers: { authorization: `Bearer ${token}` },
    })
    expect(res.statusCode).toBe(200)
  })

  it('writes no client name, recipient or note text to the logs', () => {
    const logs = t.logs.join('\n')
    for (const phi of [CLIENT, P2_CLIENT, 'Lakeside', 'lakeside', 'Amara', 'sleeping four', 'Shore Rd'])
      expect(logs).not.toContain(phi)
  })
})
