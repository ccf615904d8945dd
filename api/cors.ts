/**
 * What the browser may do with the REST API across origins, stated once: the CDK stack
 * configures API Gateway's preflights from it, the handlers expose headers from it (on AWS a
 * Lambda proxy answer carries its own CORS headers), and the local gateway answers with it — so
 * a header the SPA starts sending fails locally exactly as it would on AWS.
 */
export const apiCors = {
  /** Request headers the SPA sends: the ID token, JSON bodies, optimistic concurrency. */
  allowHeaders: ['Authorization', 'Content-Type', 'If-Match'],
  /** Response headers the SPA may read. */
  exposeHeaders: ['ETag'],
  /** How long a browser may reuse a preflight answer. */
  maxAgeSeconds: 3600,
} as const;
