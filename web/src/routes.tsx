import { lazy, type ReactNode } from 'react'
import type { UserRole } from './api/types'
import { ClientScreen } from './clients/client-screen'
import { ClientsScreen } from './clients/clients-screen'
import { NewClientScreen } from './clients/new-client-screen'
import { NewEncounterScreen } from './encounters/new-encounter-screen'
import { CosignQueueScreen } from './notes/cosign-queue-screen'
import { ReviewScreen } from './review/review-screen'
import { CLINICAL_ROLES } from './session/session'

// Screens most users never open are loaded on demand, keeping the first load small.
const UsersScreen = lazy(() => import('./admin/users-screen'))
const ProvidersScreen = lazy(() => import('./admin/providers-screen'))
const PracticeScreen = lazy(() => import('./admin/practice-screen'))
const AuditScreen = lazy(() => import('./admin/audit-screen'))
const BreakGlassScreen = lazy(() => import('./admin/break-glass-screen'))
const DisclosuresScreen = lazy(() => import('./admin/disclosures-screen'))
const BillingScreen = lazy(() => import('./admin/billing-screen'))

export interface Route {
  pattern: string
  roles: readonly UserRole[]
  render: (params: Record<string, string>) => ReactNode
}

const CLIENT_READERS: UserRole[] = [...CLINICAL_ROLES, 'admin']

/** Every screen, the path it lives at (ids only) and who may open it. */
export const ROUTES: Route[] = [
  { pattern: '/clients', roles: CLIENT_READERS, render: () => <ClientsScreen /> },
  { pattern: '/clients/new', roles: CLIENT_READERS, render: () => <NewClientScreen /> },
  { pattern: '/clients/:id', roles: CLIENT_READERS, render: (p) => <ClientScreen key={p.id} id={p.id!} /> },
  {
    pattern: '/clients/:id/sessions/new',
    roles: CLINICAL_ROLES,
    render: (p) => <NewEncounterScreen key={p.id} clientId={p.id!} />,
  },
  { pattern: '/notes/:id', roles: CLINICAL_ROLES, render: (p) => <ReviewScreen key={p.id} id={p.id!} /> },
  { pattern: '/cosign', roles: ['supervisor'], render: () => <CosignQueueScreen /> },
  { pattern: '/billing', roles: ['biller', 'admin'], render: () => <BillingScreen /> },
  { pattern: '/admin/users', roles: ['admin', 'privacy_officer'], render: () => <UsersScreen /> },
  { pattern: '/admin/providers', roles: ['admin'], render: () => <ProvidersScreen /> },
  { pattern: '/admin/practice', roles: ['admin'], render: () => <PracticeScreen /> },
  { pattern: '/audit', roles: ['privacy_officer', 'admin'], render: () => <AuditScreen /> },
  { pattern: '/break-glass', roles: ['privacy_officer'], render: () => <BreakGlassScreen /> },
  { pattern: '/disclosures', roles: ['privacy_officer'], render: () => <DisclosuresScreen /> },
]

/** The navigation, in order; each entry shows only to the roles of its route. */
export const NAV: { to: string; label: string }[] = [
  { to: '/clients', label: 'Clients' },
  { to: '/cosign', label: 'Co-sign queue' },
  { to: '/billing', label: 'Billing' },
  { to: '/audit', label: 'Audit' },
  { to: '/disclosures', label: 'Disclosures' },
  { to: '/break-glass', label: 'Break-glass review' },
  { to: '/admin/users', label: 'Users' },
  { to: '/admin/providers', label: 'AI providers' },
  { to: '/admin/practice', label: 'Practice' },
]

/** Where a user lands after sign-in: the first screen their roles open. */
export function homeFor(can: (...roles: UserRole[]) => boolean): string {
  const first = NAV.find((item) => {
    const route = ROUTES.find((r) => r.pattern === item.to)
    return route && can(...route.roles)
  })
  return first?.to ?? '/account'
}
