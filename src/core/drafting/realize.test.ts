import { describe, expect, it } from 'vitest'
import { realizeClinician } from './realize.js'

describe('realizeClinician', () => {
  it("keeps the clinician's recap of the client's words the clinician's statement", () => {
    const text = realizeClinician("You said you're up until three.", 'Clinician', 'Client', 'report')
    expect(text).toMatch(/^Clinician noted that client said they are up until three/)
  })

  it('still turns an ordinary second-person statement to the third person', () => {
    expect(realizeClinician('You did the worksheet twice.', 'Clinician', 'Client', 'report')).toMatch(
      /^Client did the worksheet twice/,
    )
  })
})
