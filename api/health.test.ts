import assert from 'node:assert/strict';
import { it } from 'node:test';
import { bodyOf, restEvent } from './testing/events.ts';
import { handler } from './health.ts';

it('GET /health answers 200 {"status":"ok"} as JSON without touching DynamoDB', async () => {
  const answer = await handler(restEvent({ method: 'GET', resource: '/health' }));
  assert.equal(answer.statusCode, 200);
  assert.match(answer.headers['Content-Type'] ?? '', /^application\/json/);
  assert.deepEqual(bodyOf(answer), { status: 'ok' });
});
