import { Suspense } from 'react'
import { Link, matchPath, navigate, usePath } from './router'
import { homeFor, NAV, ROUTES } from './routes'
import { useSession } from './session/session'
import { Loading } from './ui/feedback'
import { roleLabel } from './ui/labels'
import { Page } from './ui/page'

/** Skip link, header with the user's navigation, and the current screen. */
export function Shell() {
  const { session, can, signOut } = useSession()
  const path = usePath()
  const home = homeFor(can)
  const visibleNav = NAV.filter((item) => {
    const route = ROUTES.find((r) => r.pattern === item.to)
    return route && can(...route.roles)
  })

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <Link to={home} className="brand">
          Sidenote
        </Link>
        <nav aria-label="Main">
          <ul>
            {visibleNav.map((item) => (
              <li key={item.to}>
                <Link
                  to={item.to}
                  aria-current={path === item.to || path.startsWith(`${item.to}/`) ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          <span>
            {session.user.displayName}
            <span className="roles"> ({session.user.roles.map(roleLabel).join(', ')})</span>
          </span>
          <button type="button" className="secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading what="the screen" />}>
          <Screen path={path} home={home} />
        </Suspense>
      </main>
    </>
  )
}

function Screen({ path, home }: { path: string; home: string }) {
  const { can } = useSession()
  if (path === '/') {
    queueMicrotask(() => navigate(home, { replace: true }))
    return null
  }
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, path)
    if (!params) continue
    if (!can(...route.roles))
      return (
        <Page title="Not available">
          <p>Your role does not include this screen.</p>
        </Page>
      )
    return route.render(params)
  }
  return (
    <Page title="Not found">
      <p>
        There is nothing at this address. <Link to={home}>Go to the start</Link>.
      </p>
    </Page>
  )
}
