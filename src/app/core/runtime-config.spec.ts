import { defaultRuntimeConfig } from '../../../amplify-config';
import { loadRuntimeConfig } from './runtime-config';

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('loadRuntimeConfig', () => {
  it('uses the deployed config.json when the site provides one', async () => {
    const deployed = {
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEfGhI',
      userPoolClientId: 'abcdefghijklmnopqrstuvwxyz',
      apiBaseUrl: 'https://api.example.test/prod/',
      adminApiBaseUrl: 'https://admin.example.test/',
    };
    const config = await loadRuntimeConfig(() => Promise.resolve(jsonResponse(deployed)));
    expect(config).toEqual({
      ...deployed,
      apiBaseUrl: 'https://api.example.test/prod',
      adminApiBaseUrl: 'https://admin.example.test',
    });
  });

  it('refuses a config.json without the back office API, rather than calling the wrong one', async () => {
    const withoutAdmin = () =>
      Promise.resolve(
        jsonResponse({
          region: 'eu-west-1',
          userPoolId: 'eu-west-1_AbCdEfGhI',
          userPoolClientId: 'x',
          apiBaseUrl: 'https://a',
        }),
      );
    await expectAsync(loadRuntimeConfig(withoutAdmin)).toBeRejectedWithError(
      /"adminApiBaseUrl" must be a non-empty string/,
    );
  });

  it('falls back to the local cloud when there is no config.json', async () => {
    const notFound = () => Promise.resolve(new Response('Not found', { status: 404 }));
    expect(await loadRuntimeConfig(notFound)).toEqual(defaultRuntimeConfig);
  });

  it('falls back when the dev server answers index.html instead of JSON', async () => {
    const html = () =>
      Promise.resolve(
        new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } }),
      );
    expect(await loadRuntimeConfig(html)).toEqual(defaultRuntimeConfig);
  });

  it('refuses a config.json that lacks the pool id', async () => {
    const broken = () =>
      Promise.resolve(
        jsonResponse({ region: 'eu-west-1', userPoolClientId: 'x', apiBaseUrl: 'https://a' }),
      );
    await expectAsync(loadRuntimeConfig(broken)).toBeRejectedWithError(
      /"userPoolId" must be a non-empty string/,
    );
  });

  it('reads which second factors the deployed pool offers, and refuses unknown ones', async () => {
    const deployed = {
      region: 'eu-west-1',
      userPoolId: 'eu-west-1_AbCdEfGhI',
      userPoolClientId: 'abcdefghijklmnopqrstuvwxyz',
      apiBaseUrl: 'https://api.example.test/prod',
      adminApiBaseUrl: 'https://admin.example.test',
    };
    const totpOnly = await loadRuntimeConfig(() =>
      Promise.resolve(jsonResponse({ ...deployed, mfaFactors: ['TOTP'] })),
    );
    expect(totpOnly.mfaFactors).toEqual(['TOTP']);
    await expectAsync(
      loadRuntimeConfig(() => Promise.resolve(jsonResponse({ ...deployed, mfaFactors: ['SMS'] }))),
    ).toBeRejectedWithError(/"mfaFactors" must be a list/);
  });
});
