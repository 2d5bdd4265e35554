// @vitest-environment node
import { expect, test } from 'vitest'
import { newContext, seriousAxeViolations, signIn, withServerAndBrowser } from './browser.js'

const e2e = withServerAndBrowser()

test('sign in and enrol MFA', async () => {
  const context = await newContext(e2e.browser, e2e.server.baseUrl)
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('heading', { name: 'Sign in' }).waitFor()
  expect(await seriousAxeViolations(page)).toEqual([])
  const secret = await signIn(page, e2e.server.logins.clinician!)
  expect(secret).toBeTruthy()
  expect(await page.title()).toMatch(/— Sidenote$/)
  expect(await seriousAxeViolations(page)).toEqual([])
  await context.close()
}, 60_000)
