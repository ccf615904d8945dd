import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiCors } from '../../api/cors.ts';
import { CorsPolicy } from './cors.ts';

const spa = 'http://localhost:4200';

describe('CorsPolicy (the same contract the CDK stack gives API Gateway)', () => {
  const policy = new CorsPolicy([spa]);

  it('answers a preflight from the SPA with exactly the declared headers, methods and max-age', () => {
    const headers = policy.preflightHeaders(spa, ['GET', 'PUT']);
    assert.equal(headers['access-control-allow-origin'], spa);
    assert.deepEqual(headers['access-control-allow-headers']?.split(','), [
      ...apiCors.allowHeaders,
    ]);
    assert.deepEqual(headers['access-control-allow-methods']?.split(','), [
      'GET',
      'PUT',
      'OPTIONS',
    ]);
    assert.equal(headers['access-control-max-age'], String(apiCors.maxAgeSeconds));
  });

  it('exposes only the declared response headers on answers', () => {
    const headers = policy.answerHeaders(spa);
    assert.deepEqual(headers['access-control-expose-headers']?.split(','), [
      ...apiCors.exposeHeaders,
    ]);
    assert.equal(headers['vary'], 'Origin');
  });

  it('gives another origin no CORS headers, so its browser hides the answer', () => {
    assert.deepEqual(policy.answerHeaders('https://evil.example'), {});
    assert.equal(
      policy.preflightHeaders('https://evil.example', ['GET'])['access-control-allow-origin'],
      undefined,
    );
  });
});
