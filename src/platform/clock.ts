/** The time source; tests pass a clock they can move. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock for tests, starting at a fixed instant and moved by hand. */
export class ManualClock implements Clock {
  private t: number
  constructor(start: Date | string = '2026-01-05T15:00:00.000Z') {
    this.t = new Date(start).getTime()
  }
  now(): Date {
    return new Date(this.t)
  }
  advance(ms: number): void {
    this.t += ms
  }
}

/** ISO-8601 UTC timestamp with milliseconds: sorts correctly as text in every database. */
export function iso(date: Date): string {
  return date.toISOString()
}
