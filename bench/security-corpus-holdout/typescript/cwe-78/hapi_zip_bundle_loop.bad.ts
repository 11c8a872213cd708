import Hapi from '@hapi/hapi';
import { exec } from 'node:child_process';

interface BundlePayload {
  name: string;
  paths: string[];
}

export function registerBundleRoute(server: Hapi.Server): void {
  server.route({
    method: 'POST',
    path: '/bundles',
    handler: async (request) => {
      const payload = request.payload as BundlePayload;
      let command = `cd /srv/share && zip -r /tmp/${payload.name}.zip`;
      for (const p of payload.paths) {
        command += ' ' + p;
      }
      await new Promise<void>((resolve, reject) => exec(command, (err) => (err ? reject(err) : resolve())));
      return { bundle: `/tmp/${payload.name}.zip` };
    },
  });
}
