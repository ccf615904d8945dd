/**
 * The SPA fallback as a CloudFront Function (viewer request): a navigation to a client-side
 * route (`/notes/123`, no file extension) is served `/index.html` with 200. Unlike distribution
 * error responses (403/404 → /index.html), it leaves real files alone, so a missing
 * `main-XYZ.js` stays a 404 instead of HTML the browser would try to run as a script.
 *
 * CloudFront Functions run ES5.1-ish JavaScript (runtime 2.0): plain functions and `var`.
 */
export const spaFallbackSource = `function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}`;

interface ViewerRequest {
  uri: string;
}

/** A viewer-request function's source as a callable URI rewrite, evaluated as CloudFront would run it. */
export function compileViewerRequest(source: string): (uri: string) => string {
  const handler = new Function(`${source}\nreturn handler;`)() as (event: {
    request: ViewerRequest;
  }) => ViewerRequest;
  return (uri) => handler({ request: { uri } }).uri;
}

/** Runs the function's source as CloudFront would, for tests. */
export function runSpaFallback(source: string, uri: string): string {
  return compileViewerRequest(source)(uri);
}
