import { type Logger, pino } from 'pino'

/**
 * The server's logger. Logs carry request ids, routes, status codes and durations — never request
 * bodies, query strings or headers that could hold PHI or credentials (redacted if they slip in).
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          'body',
          'req.body',
          'query',
          'req.query',
          '*.password',
          '*.text',
          '*.transcript',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { id?: string; method?: string; routeOptions?: { url?: string }; url?: string }) => ({
          id: req.id,
          method: req.method,
          // The route pattern (/api/notes/:id), never the concrete URL with its query string.
          route: req.routeOptions?.url ?? req.url?.split('?')[0],
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination as never,
  )
}

export type { Logger }
