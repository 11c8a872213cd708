import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestApi, type TestApi } from '../../test/support/api-harness.js';
import { testSettings } from '../../test/support/worker-harness.js';

/**
 * The SDK's types are generated from the document the server serves: this fails when
 * sdk/src/generated/openapi.ts is stale. `UPDATE_SDK_TYPES=1 npx jest sdk/test/openapi-types`
 * rewrites it.
 */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(testSettings());
});

afterAll(async () => {
  await api?.close();
});

it('the committed API types are what openapi-typescript makes of the served /v1/openapi.json', async () => {
  const script = path.join(__dirname, '..', 'scripts', 'generate.mjs');
  const args = [script, '--url', `${api.url}/v1/openapi.json`];
  if (!process.env.UPDATE_SDK_TYPES) args.push('--check');
  const run = await promisify(execFile)(process.execPath, args).catch((err: { code: number; stdout: string; stderr: string }) => err);
  expect(`${run.stdout}${run.stderr}`.trim()).toMatch(process.env.UPDATE_SDK_TYPES ? /^wrote / : / matches /);
});
