import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clfTime, httpClaims, javaDate, restClaims } from './events.ts';

describe('claim and time formats API Gateway uses', () => {
  it('formats requestTime as in the access log: 23/Nov/2026:09:05:07 +0000', () => {
    assert.equal(clfTime(Date.UTC(2026, 10, 23, 9, 5, 7)), '23/Nov/2026:09:05:07 +0000');
  });

  it('shows exp and iat of REST Cognito claims as Java dates', () => {
    assert.equal(
      javaDate(Date.UTC(2016, 6, 29, 18, 52, 53) / 1000),
      'Fri Jul 29 18:52:53 UTC 2016',
    );
  });

  it('turns every REST claim into a string', () => {
    assert.deepEqual(
      restClaims({
        sub: 's',
        email_verified: true,
        auth_time: 1469814773,
        exp: 1469818373,
        'cognito:groups': ['a', 'b'],
      }),
      {
        sub: 's',
        email_verified: 'true',
        auth_time: '1469814773',
        exp: 'Fri Jul 29 18:52:53 UTC 2016',
        'cognito:groups': 'a,b',
      },
    );
  });

  it('turns HTTP API claims into strings with arrays as [a b]', () => {
    assert.deepEqual(httpClaims({ exp: 1469818373, 'cognito:groups': ['a', 'b'], flag: false }), {
      exp: '1469818373',
      'cognito:groups': '[a b]',
      flag: 'false',
    });
  });
});
