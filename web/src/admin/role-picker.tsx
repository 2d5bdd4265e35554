import type { UserRole } from '../api/types'
import { roleLabel } from '../ui/labels'

export const ALL_ROLES: UserRole[] = [
  'clinician',
  'supervisor',
  'supervisee',
  'biller',
  'privacy_officer',
  'admin',
]

/** Roles as a group of checkboxes (a user can hold several). */
export function RolePicker({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string
  value: UserRole[]
  onChange: (roles: UserRole[]) => void
}) {
  return (
    <fieldset>
      <legend>Roles</legend>
      <div className="row">
        {ALL_ROLES.map((role) => (
          <div className="field-inline" key={role}>
            <input
              type="checkbox"
              id={`${idPrefix}-${role}`}
              checked={value.includes(role)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, role] : value.filter((r) => r !== role))
              }
            />
            <label htmlFor={`${idPrefix}-${role}`}>{roleLabel(role)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  )
}
