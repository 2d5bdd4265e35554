import { type ReactNode, useEffect, useRef } from 'react'

/** Set the tab's title. Titles name the screen only, never a client (tabs and history are not private). */
export function useTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} — Sidenote`
  }, [screen])
}

/**
 * A screen: generic title, one h1 that takes focus when the screen opens (so keyboard and screen
 * reader users start at the new content), optional actions beside the heading.
 */
export function Page({
  title,
  heading,
  actions,
  children,
  wide,
}: {
  title: string
  heading?: ReactNode
  actions?: ReactNode
  children: ReactNode
  wide?: boolean
}) {
  useTitle(title)
  const h1 = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    h1.current?.focus({ preventScroll: false })
  }, [])
  return (
    <div className={wide ? 'page page-wide' : 'page'}>
      <div className="page-head">
        <h1 ref={h1} tabIndex={-1}>
          {heading ?? title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  )
}
