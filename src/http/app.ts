import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { resolve } from 'node:path'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
  type RawServerDefault,
} from 'fastify'
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { Deps } from '../platform/deps.js'
import { newId } from '../platform/ids.js'
import { PUBLIC } from './access.js'
import { registerAuth } from './auth.js'
import { renderError } from './problem.js'
import { securityHeaders } from './security-headers.js'
import { checkedSerializerCompiler } from './serialize.js'

export type App = FastifyInstance
/** The app as modules see it: Zod schemas type each route's input and output. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>

/** A module's HTTP routes, mounted by buildApp. */
export type RoutePlugin = (app: TypedApp, deps: Deps) => void | Promise<void>

/**
 * One log line per request, when it completes: request id, method, route pattern, status and
 * duration (the logger's serializers keep URLs, bodies and PHI out). Fastify's default writes an
 * "incoming request" line too — twice the logging for no more information at 1,000 requests/s.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const line = { req: request, res: reply, responseTime: reply.elapsedTime }
    if (error) reply.log.error({ ...line, err: error }, 'request errored')
    else reply.log.info(line, 'request completed')
  }
}

const REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/

/**
 * The HTTP application: security headers, request ids, problem+json errors, authentication, the
 * OpenAPI description, the modules' routes and the web app. No socket is opened here (tests use
 * `inject()`); main.ts listens.
 */
export async function buildApp(deps: Deps, modules: RoutePlugin[]): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    trustProxy: deps.config.trustProxy,
    logController: new OneLinePerRequest(),
    bodyLimit: deps.config.maxUploadBytes + 64 * 1024,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : newId()
    },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(checkedSerializerCompiler)
  app.setErrorHandler(renderError)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // Nothing clinical may be kept by a browser or proxy cache.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store')
  })

  const headers = securityHeaders({ hsts: deps.config.trustProxy })
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })
  await app.register(cookie)
  // preHandler, so a route's key can use the parsed body (sign-in is limited per address and account).
  await app.register(rateLimit, { global: false, hook: 'preHandler' })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sidenote API',
        version: '0.1.0',
        description:
          'Clinical documentation for behavioral-health practices. Every route needs a signed-in practice user (session cookie with CSRF header, or a scoped API token) unless marked public. Errors are application/problem+json.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sidenote_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  })
  registerAuth(app as App, deps)

  const typed = app.withTypeProvider<ZodTypeProvider>()
  typed.get(
    '/api/health',
    {
      config: { access: PUBLIC },
      schema: {
        tags: ['meta'],
        summary: 'Liveness check',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )
  typed.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () =>
    app.swagger(),
  )
  typed.get('/api/docs', { config: { access: PUBLIC }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html').send(DOCS_PAGE),
  )
  typed.get(
    '/api/docs/routes.js',
    { config: { access: PUBLIC }, schema: { hide: true } },
    async (_req, reply) => reply.type('text/javascript').send(DOCS_SCRIPT),
  )

  for (const plugin of modules) await plugin(typed, deps)

  const webRoot = resolve(deps.config.webDir)
  const hasWeb = existsSync(resolve(webRoot, 'index.html'))
  if (hasWeb) {
    // The plugin only decorates reply.sendFile (which refuses paths outside webRoot); the routes
    // are ours, so they declare their access like every other route. The app's files are public:
    // every byte of data they show comes from /api behind sign-in.
    await app.register(fastifyStatic, { root: webRoot, serve: false })
    typed.get('/assets/*', { config: { access: PUBLIC }, schema: { hide: true } }, async (request, reply) => {
      const file = (request.params as { '*': string })['*']
      // Vite names built assets by content hash, so they never change under one name.
      return reply.sendFile(`assets/${file}`, { immutable: true, maxAge: '365d' })
    })
  }
  app.setNotFoundHandler({}, (request, reply) => {
    if (!request.url.startsWith('/api/') && hasWeb && request.method === 'GET')
      return reply.sendFile('index.html')
    return renderError(Object.assign(new Error('not found'), { statusCode: 404 }), request, reply.status(404))
  })
  return app as App
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sidenote API</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code{background:#f2f2f2;padding:0 .25rem}li{margin:.25rem 0}.m{display:inline-block;width:4.5rem;font-weight:600}</style></head>
<body><h1>Sidenote API</h1><p>The machine-readable description is at <a href="/api/openapi.json"><code>/api/openapi.json</code></a> (OpenAPI 3.1).
Sign in with <code>POST /api/auth/login</code>; send the session's <code>x-csrf-token</code> header on changes, or use an API token as <code>Authorization: Bearer</code>.</p>
<ul id="routes"><li>Loading…</li></ul>
<script src="/api/docs/routes.js"></script></body></html>`

// Lists every route of the OpenAPI description with its summary (no external script: CSP allows self only).
const DOCS_SCRIPT = `fetch('/api/openapi.json').then(r=>r.json()).then(spec=>{const ul=document.getElementById('routes');ul.textContent='';
for(const [path,ops] of Object.entries(spec.paths||{}))for(const [m,op] of Object.entries(ops)){const li=document.createElement('li');
const s=document.createElement('span');s.className='m';s.textContent=m.toUpperCase();const c=document.createElement('code');c.textContent=path;
li.append(s,c,document.createTextNode(' — '+(op.summary||'')));ul.append(li)}})`
