// @vitest-environment node
// The clinician's whole path through the web app, in Debian's Chromium against the real server:
// sign in with MFA enrolment, add a client, meet the consent gate, record AI consent, upload a
// sample transcript, review (evidence highlighting, edit / remove / keep-with-reason, a scope flag
// resolved), sign, download the PDF, and read the audit trail as the privacy officer. axe-core
// finds no serious or critical violation on any screen visited, and no page title or URL names
// the client.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect, test } from 'vitest'
import {
  createClientByApi,
  newContext,
  SAMPLES_DIR,
  seriousAxeViolations,
  signIn,
  withServerAndBrowser,
} from './browser.js'

const e2e = withServerAndBrowser()

const CLIENT_NAME = 'Wendeline Okonkwo-Marsh'
/** The clinician's MFA secret once enrolled (the tests share one server, so later sign-ins need it). */
let clinicianSecret: string | undefined

/** axe on the current screen, and the screen's title and address free of the client's name. */
async function checkScreen(page: Page, screen: string): Promise<void> {
  const violations = await seriousAxeViolations(page)
  expect(violations, `axe on ${screen}`).toEqual([])
  const title = await page.title()
  expect(title).toMatch(/— Sidenote$/)
  for (const part of CLIENT_NAME.split(/[ -]/)) {
    expect(title).not.toContain(part)
    expect(decodeURIComponent(page.url())).not.toContain(part)
  }
}

async function addClientWithConsent(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Clients' }).click()
  await page.getByRole('heading', { name: 'Clients', level: 1 }).waitFor()
  await checkScreen(page, 'clients list')
  await page.goto('/clients/new')
  await page.getByLabel('Full name').fill(CLIENT_NAME)
  await page.getByRole('button', { name: 'Add client' }).click()
  await page.getByRole('heading', { name: CLIENT_NAME, level: 1 }).waitFor()
  const clientId = /\/clients\/([0-9a-f-]{36})$/.exec(page.url())?.[1]
  expect(clientId).toBeTruthy()
  await page.getByRole('heading', { name: 'Consents' }).waitFor()
  await checkScreen(page, 'client page')

  // No consent yet: the new-session screen says so before anything is sent, and points to the fix.
  await page.getByRole('link', { name: 'New session' }).click()
  await page.getByText('Consent is needed first.').waitFor()
  expect(await page.getByRole('button', { name: 'Draft the note' }).isDisabled()).toBe(true)
  await checkScreen(page, 'new session without consent')
  await page.getByRole('link', { name: 'Record consent on the client page' }).click()

  await page.getByRole('button', { name: 'Record a consent' }).click()
  await page.getByLabel('Signed by (as on the form)').fill(CLIENT_NAME)
  await page.getByRole('button', { name: 'Record consent' }).click()
  await page.getByText('Active', { exact: true }).waitFor()
  return clientId!
}

/** Upload a sample through the new-session screen; returns the note id once the review screen opens. */
async function uploadSample(
  page: Page,
  clientId: string,
  file: string,
  service: string,
  format: string,
): Promise<string> {
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByRole('heading', { name: 'New session', level: 1 }).waitFor()
  await page.getByLabel('Service').selectOption(service)
  await page.getByLabel('Note format').selectOption(format)
  await page.locator('#session-file').setInputFiles(join(SAMPLES_DIR, file))
  await page.getByText(`Chosen: ${file}`).waitFor()
  await checkScreen(page, 'new session')
  await page.getByRole('button', { name: 'Draft the note' }).click()
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/, { timeout: 90_000 })
  await page.locator('[data-statement]').first().waitFor({ timeout: 30_000 })
  return /\/notes\/([0-9a-f-]{36})$/.exec(page.url())![1]!
}

async function reason(page: Page, label: string | RegExp, text: string, action: string): Promise<void> {
  await page.getByLabel(label).fill(text)
  await page.getByRole('button', { name: action, exact: true }).click()
  // The form closes once the server has answered (and the note on screen is the new one).
  await page.getByLabel(label).waitFor({ state: 'detached' })
}

test('clinician: client, consent, upload, review, resolve, sign, PDF; privacy officer sees the audit trail', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  const secret = await signIn(page, e2e.server.logins.clinician!, clinicianSecret)
  expect(secret).toBeTruthy()
  clinicianSecret = secret
  const clientId = await addClientWithConsent(page)

  const noteId = await uploadSample(page, clientId, 's01.vtt', 'individual', 'soap')
  await checkScreen(page, 'review')

  // Keyboard only: Tab reaches a statement, its focus ring is visible, Enter on Edit opens the
  // editor with the cursor in it, Escape closes it again.
  type Doc = { document: { activeElement: { getAttribute(n: string): string | null } | null } }
  const focusedStatement = () =>
    page.evaluate(
      () => (globalThis as unknown as Doc).document.activeElement?.getAttribute('data-statement') ?? null,
    )
  let reached: string | null = null
  for (let tabs = 0; tabs < 40 && !reached; tabs++) {
    await page.keyboard.press('Tab')
    reached = await focusedStatement()
  }
  expect(reached).toBeTruthy()
  type Styled = { getComputedStyle(el: unknown): { outlineStyle: string; outlineWidth: string } }
  const ring = await page.locator(`[data-statement="${reached}"]`).evaluate((el) => {
    const style = (globalThis as unknown as Styled).getComputedStyle(el)
    return `${style.outlineStyle} ${style.outlineWidth}`
  })
  expect(ring).toBe('solid 3px')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Enter')
  await expect
    .poll(() =>
      page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.getAttribute('id') ?? ''),
    )
    .toMatch(/.+/)
  expect(
    await page
      .getByLabel('Statement text')
      .evaluate((el) => el === (globalThis as unknown as Doc).document.activeElement),
  ).toBe(true)
  await page.keyboard.press('Escape')
  await expect.poll(() => page.getByLabel('Statement text').count()).toBe(0)
  // Focus goes back once React has re-rendered: wait for it rather than read it at once.
  await expect.poll(focusedStatement).toBe(reached)

  // Focusing a statement (keyboard) highlights its evidence utterances in the transcript pane.
  const statements = page.locator('[data-statement]')
  const count = await statements.count()
  expect(count).toBeGreaterThan(3)
  const first = statements.first()
  await first.focus()
  await expect.poll(() => first.evaluate((el) => el.classList.contains('active'))).toBe(true)
  const evidenceText = await first.locator('.statement-meta .hint').textContent()
  const firstEvidence = /\bu\d+\b/.exec(evidenceText ?? '')?.[0]
  expect(firstEvidence).toBeTruthy()
  await expect.poll(() => page.locator(`#utt-${firstEvidence}`).getAttribute('class')).toContain('evidence')
  // Hovering another statement moves the highlight.
  const second = statements.nth(1)
  await second.hover()
  await expect.poll(() => second.evaluate((el) => el.classList.contains('active'))).toBe(true)
  // ... and scrolls the pane to it: the first lit utterance is inside the pane's visible box.
  const pane = (await page.locator('.transcript').boundingBox())!
  const lit = (await page.locator('.utterance.evidence').first().boundingBox())!
  expect(lit.y).toBeGreaterThanOrEqual(pane.y)
  expect(lit.y + Math.min(lit.height, 40)).toBeLessThanOrEqual(pane.y + pane.height)

  // Risk flags: their own panel, each with its polarity and excerpt; s01's client denies suicidal
  // ideation. The app offers no crisis response of its own (no hotline, no alert to anyone).
  const riskPanel = page.locator('section[aria-labelledby="risk-heading"]')
  const denied = riskPanel.locator('li', { hasText: 'Denied' })
  expect(await denied.count()).toBeGreaterThanOrEqual(1)
  expect(await denied.first().locator('blockquote').textContent()).toBeTruthy()
  await denied.first().focus()
  await expect.poll(() => page.locator('.utterance.evidence').count()).toBeGreaterThan(0)
  expect(await riskPanel.textContent()).toContain('Sidenote takes no action on them')
  // (The session's own words may mention 988; the app's words around them never do.)
  type Cloneable = {
    cloneNode(deep: boolean): { querySelectorAll(s: string): { remove(): void }[]; textContent: string }
  }
  const ownWords = await riskPanel.evaluate((el) => {
    const copy = (el as unknown as Cloneable).cloneNode(true)
    for (const quote of copy.querySelectorAll('blockquote')) quote.remove()
    return copy.textContent
  })
  expect(ownWords).not.toMatch(/\b988\b|hotline|crisis line|call 911|emergency/i)
  expect(await page.locator('dialog[open]').count()).toBe(0)
  await denied.first().getByRole('button', { name: 'Confirm, with note' }).click()
  await reason(page, 'Your note on this flag', 'Denial explored; no current ideation.', 'Confirm flag')
  await riskPanel.getByText('Confirmed: “Denial explored; no current ideation.”').waitFor()

  // Edit: a diagnosis nobody stated in the session is caught inline as a scope flag.
  const target = statements.nth(2)
  const targetId = await target.getAttribute('data-statement')
  const original = await target.locator('.statement-text').textContent()
  await target.getByRole('button', { name: 'Edit' }).click()
  await page
    .getByLabel('Statement text')
    .fill(`${original} Meets criteria for major depressive disorder (F33.1).`)
  await page.getByRole('button', { name: 'Save statement' }).click()
  const edited = page.locator(`[data-statement="${targetId}"]`)
  await edited.locator('.statement-flag.warning').first().waitFor()
  await expect.poll(() => page.locator('#sign-heading ~ .warning li').count()).toBeGreaterThan(0)
  expect(await page.getByRole('button', { name: 'Sign note' }).isDisabled()).toBe(true)
  await checkScreen(page, 'review with a scope flag')

  // Keep the determination with a reason (confirm-with-reason on each flag the edit raised).
  const flagsRaised = await edited.locator('.statement-flag.warning').count()
  for (let k = flagsRaised; k > 0; k--) {
    await edited.getByRole('button', { name: 'Keep, with reason' }).first().click()
    await reason(
      page,
      'Why keep this determination?',
      'Diagnosed at intake by me; documented here on purpose.',
      'Keep determination',
    )
    await expect.poll(() => edited.locator('.statement-flag.warning').count()).toBe(k - 1)
  }
  expect(await edited.locator('.statement-flag.notice').count()).toBe(flagsRaised)

  // Remove another statement, with a reason.
  const removable = statements.last()
  const removedId = await removable.getAttribute('data-statement')
  await removable.getByRole('button', { name: 'Remove' }).click()
  await reason(page, 'Why remove it? (optional)', 'Not needed in this note.', 'Remove statement')
  await expect.poll(() => page.locator(`[data-statement="${removedId}"]`).count()).toBe(0)
  // Focus does not fall to the page: it lands on a neighbouring statement or the section heading.
  await expect
    .poll(() =>
      page.evaluate(() => {
        const el = (globalThis as unknown as Doc).document.activeElement
        return el?.getAttribute('data-statement') ?? el?.getAttribute('id') ?? null
      }),
    )
    .toMatch(/^(s|a)\d+$|^sec-/)

  // The clinician adds a statement of their own: it is cited as their input, not the transcript.
  await page.getByRole('button', { name: 'Add a statement to Plan' }).click()
  await page.getByLabel('New statement in Plan').fill('Next session in two weeks.')
  await page.getByRole('button', { name: 'Add statement', exact: true }).click()
  const added = page.locator('[data-statement]', { hasText: 'Next session in two weeks.' })
  await added.waitFor()
  expect(await added.textContent()).toContain('Added by you')

  // Everything still open: unsupported statements kept with a reason, other scope flags kept.
  let keptAsWritten = 0
  for (let guard = 0; guard < 40; guard++) {
    const open = page.locator('.statement.needs-review').first()
    if ((await open.count()) === 0) break
    const keepFlag = open.getByRole('button', { name: 'Keep, with reason' })
    if (await keepFlag.count()) {
      await keepFlag.first().click()
      await reason(page, 'Why keep this determination?', 'Stated by me in the session.', 'Keep determination')
    } else {
      await open.getByRole('button', { name: 'Keep as written, with reason' }).click()
      await reason(page, 'Why keep it as written?', 'Accurate: I observed this myself.', 'Keep statement')
      keptAsWritten++
    }
    await page
      .getByRole('status')
      .filter({ hasText: /kept|confirmed/i })
      .first()
      .waitFor()
  }
  await expect.poll(() => page.locator('.statement.needs-review').count()).toBe(0)
  // At least one unsupported statement (the edited one, or one the engine drafted) was kept with a reason.
  expect(keptAsWritten).toBeGreaterThanOrEqual(1)
  expect(await page.locator('.statement', { hasText: 'Kept as written' }).count()).toBeGreaterThanOrEqual(1)

  // Sign with attestation.
  await page.getByText('Every statement is supported or decided by you.').waitFor()
  await page.getByLabel(/I reviewed this note against the session/).check()
  await page.getByRole('button', { name: 'Sign note' }).click()
  await page.locator('.signed-banner').waitFor()
  expect(await page.locator('.signed-banner').textContent()).toMatch(/1 edited, 1 removed, 1 added/)
  // Signed: no more edit buttons; addenda and exports instead.
  expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0)
  await page.getByLabel('New addendum').fill('Client called the next day to confirm the homework plan.')
  await page.getByRole('button', { name: 'Add addendum' }).click()
  await page.getByText('Addendum added.').waitFor()
  await checkScreen(page, 'signed note')

  // The PDF export downloads a real PDF whose file name carries no name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download PDF' }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^note-[0-9a-f]{8}\.pdf$/)
  const pdf = readFileSync((await download.path())!)
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  expect(pdf.length).toBeGreaterThan(1000)
  expect(pdf.subarray(-1024).toString('latin1')).toContain('%%EOF')

  // A copy for someone outside the practice is a disclosure: recipient and purpose, then it is
  // listed in the client's accounting of disclosures.
  await page.getByText('Export for a recipient outside the practice (a disclosure)').click()
  await page.getByLabel('Recipient', { exact: true }).fill('Dr. Imani Reyes, primary care')
  await page.getByLabel('Purpose').fill('Treatment coordination')
  const [disclosed] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export and record the disclosure' }).click(),
  ])
  expect(disclosed.suggestedFilename()).toMatch(/^note-[0-9a-f]{8}-disclosure\.pdf$/)
  expect(
    readFileSync((await disclosed.path())!)
      .subarray(0, 5)
      .toString('latin1'),
  ).toBe('%PDF-')
  await page.getByText('the disclosure is recorded in the accounting of disclosures').waitFor()
  await page.getByRole('link', { name: 'Back to the client' }).click()
  await page.getByText('Dr. Imani Reyes, primary care').first().waitFor()
  await context.close()

  // The privacy officer sees the trail: the note drafted, reviewed, signed and exported.
  const poContext = await newContext(e2e.browser, e2e.server.baseUrl)
  const po = await poContext.newPage()
  await signIn(po, e2e.server.logins.privacy_officer!)
  await po.getByRole('link', { name: 'Audit' }).click()
  await po.getByRole('button', { name: 'Show events' }).click()
  const table = po.locator('table')
  await table.waitFor()
  for (const action of ['note.signed', 'note.exported', 'consent.recorded'])
    await expect
      .poll(async () => ((await table.textContent()) ?? '').includes(action), { timeout: 10_000 })
      .toBe(true)
  expect(await table.textContent()).toContain(noteId.slice(0, 8))
  await checkScreen(po, 'audit')
  await poContext.close()
}, 240_000)

test('supervisee drafts from dictation and signs; the supervisor co-signs from the queue', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  await signIn(page, e2e.server.logins.supervisee!)
  // Dictation needs no AI-processing consent: the client has none.
  const clientId = await createClientByApi(page, 'Cosign Test Client', false)
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByLabel('Service').selectOption('intake')
  await page.getByLabel('My own dictation (no AI-processing consent needed)').check()
  expect(await page.getByText('Consent is needed first.').count()).toBe(0)
  await page.getByLabel('Dictation', { exact: true }).fill(readFileSync(join(SAMPLES_DIR, 's10.txt'), 'utf8'))
  await page.getByRole('button', { name: 'Draft the note' }).click()
  await page.waitForURL(/\/notes\/[0-9a-f-]{36}$/, { timeout: 90_000 })
  const noteId = /\/notes\/([0-9a-f-]{36})$/.exec(page.url())![1]!
  await page.locator('[data-statement]').first().waitFor({ timeout: 30_000 })
  await page.getByRole('heading', { name: /^Intake note/, level: 1 }).waitFor()
  // Before signing, the format can change: the note is drafted again in the new one.
  await page.getByLabel('Note format').selectOption('dap')
  await page.getByRole('button', { name: 'Redraft in this format' }).click()
  await page.getByRole('heading', { name: /^DAP note/, level: 1 }).waitFor({ timeout: 90_000 })
  expect(await page.getByRole('heading', { name: 'Data', level: 3 }).count()).toBe(1)
  for (let guard = 0; guard < 40; guard++) {
    const open = page.locator('.statement.needs-review').first()
    if ((await open.count()) === 0) break
    const keepFlag = open.getByRole('button', { name: 'Keep, with reason' })
    if (await keepFlag.count()) {
      await keepFlag.first().click()
      await reason(
        page,
        'Why keep this determination?',
        'My own determination, dictated.',
        'Keep determination',
      )
    } else {
      await open.getByRole('button', { name: 'Keep as written, with reason' }).click()
      await reason(page, 'Why keep it as written?', 'Dictated by me as written.', 'Keep statement')
    }
    await page
      .getByRole('status')
      .filter({ hasText: /kept|confirmed/i })
      .first()
      .waitFor()
  }
  await page.getByLabel(/I reviewed this note against the session/).check()
  await page.getByRole('button', { name: 'Sign note' }).click()
  await page.getByText('Signed, awaiting co-signature.').waitFor()
  await context.close()

  const supContext = await newContext(e2e.browser, e2e.server.baseUrl)
  const sup = await supContext.newPage()
  await signIn(sup, e2e.server.logins.supervisor!)
  await sup.getByRole('link', { name: 'Co-sign queue' }).click()
  await sup.getByRole('heading', { name: 'Co-sign queue', level: 1 }).waitFor()
  const row = sup.locator('tr', { hasText: 'Cosign Test Client' })
  await row.waitFor()
  await checkScreenNamed(sup, 'co-sign queue')
  await row.getByRole('link').click()
  await sup.waitForURL(new RegExp(`/notes/${noteId}$`))
  await sup.getByLabel("I reviewed my supervisee's note and co-sign it.").check()
  await sup.getByRole('button', { name: 'Co-sign note' }).click()
  await sup.getByText(/Co-signed /).waitFor()
  await checkScreenNamed(sup, 'co-signed note')
  // Co-signed notes leave the queue.
  await sup.getByRole('link', { name: 'Co-sign queue' }).click()
  await sup.getByText('Nothing awaits your co-signature.').waitFor()
  await supContext.close()
}, 240_000)

/** axe and a generic title on a screen whose client is not the flow test's. */
async function checkScreenNamed(page: Page, screen: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${screen}`).toEqual([])
  expect(await page.title()).not.toContain('Cosign Test Client')
  expect(await page.title()).toMatch(/— Sidenote$/)
}

test("the server's CONSENT_REQUIRED is shown with the way to fix it when consent ends mid-way", async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  clinicianSecret = await signIn(page, e2e.server.logins.clinician!, clinicianSecret)
  const clientId = await createClientByApi(page, 'Consent Race Client')
  await page.goto(`/clients/${clientId}/sessions/new`)
  await page.getByRole('heading', { name: 'New session', level: 1 }).waitFor()
  await page.locator('#session-file').setInputFiles(join(SAMPLES_DIR, 's04.txt'))
  expect(await page.getByText('Consent is needed first.').count()).toBe(0)

  // The consent is revoked (elsewhere) after the screen checked it; the server refuses the upload.
  const csrf = await page.evaluate(async () => {
    const r = await fetch('/api/session', { credentials: 'same-origin' })
    return ((await r.json()) as { csrfToken: string }).csrfToken
  })
  const consents = (await (await page.request.get(`/api/clients/${clientId}/consents`)).json()) as {
    consents: { id: string }[]
  }
  const revoked = await page.request.post(`/api/consents/${consents.consents[0]!.id}/revoke`, {
    headers: { 'x-csrf-token': csrf },
    data: { reason: 'Client withdrew consent by phone.' },
  })
  expect(revoked.ok()).toBe(true)

  await page.getByRole('button', { name: 'Draft the note' }).click()
  await page.getByRole('alert').filter({ hasText: 'Consent is needed first.' }).waitFor()
  await page.getByRole('link', { name: 'Record consent on the client page' }).waitFor()
  expect(new URL(page.url()).pathname).toBe(`/clients/${clientId}/sessions/new`)
  await checkScreenNamed(page, 'new session refused for consent')
  await context.close()
}, 120_000)
