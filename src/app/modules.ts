import type { RoutePlugin } from '../http/app.js'
import { auditRoutes } from '../modules/audit/index.js'
import { consentRoutes } from '../modules/consent/index.js'
import { disclosureRoutes } from '../modules/disclosures/index.js'
import { exportRoutes } from '../modules/exports/index.js'
import {
  breakGlassRoutes,
  identityRoutes,
  practiceRoutes,
  tokenRoutes,
  usersRoutes,
} from '../modules/identity/index.js'
import { jobsRoutes } from '../modules/jobs/index.js'
import { notesRoutes } from '../modules/notes/index.js'
import { draftingPreflight, providersRoutes } from '../modules/providers/index.js'
import { recordsRoutes } from '../modules/records/index.js'

/** Every module's routes, in the order they are mounted. */
export const MODULE_ROUTES: RoutePlugin[] = [
  identityRoutes,
  recordsRoutes,
  // A session's upload asks the practice's drafting engine first whether it may receive it.
  notesRoutes({ preflight: draftingPreflight }),
  jobsRoutes,
  consentRoutes,
  disclosureRoutes,
  exportRoutes,
  usersRoutes,
  practiceRoutes,
  tokenRoutes,
  breakGlassRoutes,
  auditRoutes,
  providersRoutes,
]
