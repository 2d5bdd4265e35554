import { AuthGate } from './session/auth-gate'
import { Shell } from './shell'

/** The web app: sign-in first, then the shell with the screens the user's roles allow. */
export function App() {
  return (
    <AuthGate>
      <Shell />
    </AuthGate>
  )
}
