/** A labelled one-line text input: the form field most screens are made of. */
export function TextField({
  id,
  label,
  value,
  onChange,
  required = false,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  required?: boolean
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} required={required} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}
