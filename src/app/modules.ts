import type { RoutePlugin } from '../http/app.js'
import { consentRoutes } from '../modules/consent/index.js'
import { identityRoutes } from '../modules/identity/index.js'

/** Every module's routes, in the order they are mounted. */
export const MODULE_ROUTES: RoutePlugin[] = [identityRoutes, consentRoutes]
