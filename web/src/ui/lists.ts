/** `list` with `value` in it (added at the end) when `on`, without it otherwise: a checkbox list's state. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((x) => x !== value)
}
