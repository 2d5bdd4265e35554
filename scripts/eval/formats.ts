import type { NoteFormat } from '../../src/core/drafting/draft.schema.js'

/** The note format a clinician would choose for each gold `session.service`. */
export function formatForService(service: string): NoteFormat {
  switch (service) {
    case 'family-with-patient':
    case 'family-without-patient':
      return 'family'
    case 'group':
      return 'group'
    case 'intake':
      return 'intake'
    case 'supervision':
      return 'supervision'
    default:
      return 'soap'
  }
}
