import { type ReactNode, useEffect, useId, useRef } from 'react'

/**
 * A modal dialog on the native <dialog> element: the page behind is inert, focus moves in and
 * returns to where it was when the dialog closes. `onCancel` (Escape) is optional: without it the
 * dialog cannot be dismissed, only answered.
 */
export function Dialog({
  open,
  title,
  onCancel,
  children,
  role = 'dialog',
}: {
  open: boolean
  title: string
  onCancel?: () => void
  children: ReactNode
  role?: 'dialog' | 'alertdialog'
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<Element | null>(null)
  const titleId = useId()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) {
      returnTo.current = document.activeElement
      dialog.showModal()
    } else if (!open && dialog.open) {
      dialog.close()
      const back = returnTo.current
      if (back instanceof HTMLElement && back.isConnected) back.focus()
    }
  }, [open])

  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={titleId}
      className="dialog"
      onCancel={(event) => {
        event.preventDefault()
        onCancel?.()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {open ? children : null}
    </dialog>
  )
}
