import { createContext, useContext } from 'react'
import { api } from '../api/client'
import type { SessionView, UserRole } from '../api/types'

export interface SessionApi {
  session: SessionView
  /** Whether the user holds any of these roles. */
  can: (...roles: UserRole[]) => boolean
  signOut: () => Promise<void>
}

export const SessionContext = createContext<SessionApi | null>(null)

/** The signed-in user's session (inside the auth gate only). */
export function useSession(): SessionApi {
  const value = useContext(SessionContext)
  if (!value) throw new Error('useSession outside the signed-in app')
  return value
}

export function sessionApi(session: SessionView): SessionApi {
  const roles = new Set(session.user.roles)
  return {
    session,
    can: (...wanted) => wanted.some((r) => roles.has(r)),
    signOut: async () => {
      try {
        await api.post('/api/auth/logout')
      } finally {
        // A full reload drops everything this tab held in memory.
        window.location.assign('/')
      }
    },
  }
}

/** Roles that work with clinical records. */
export const CLINICAL_ROLES: UserRole[] = ['clinician', 'supervisor', 'supervisee']
