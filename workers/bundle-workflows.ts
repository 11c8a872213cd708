import { promises as fs } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/** Where `npm run build` puts the prebuilt workflow bundle that production workers load. */
export const WORKFLOW_BUNDLE_PATH = path.resolve(__dirname, '../workflow-bundle.js');

/** Bundles workflows/ once at build time, so a worker starts without running webpack. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows') });
  await fs.writeFile(WORKFLOW_BUNDLE_PATH, code);
  process.stdout.write(`workflow bundle: ${path.relative(process.cwd(), WORKFLOW_BUNDLE_PATH)} (${(code.length / 1024).toFixed(0)} KiB)\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bundling workflows failed: ${String(err)}\n`);
    process.exit(1);
  });
}
