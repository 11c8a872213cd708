const Hapi = require('@hapi/hapi');
const { spawn } = require('child_process');

const init = async () => {
  const server = Hapi.server({ port: 4000 });

  server.route({
    method: 'GET',
    path: '/tools/whois',
    handler: (request, h) => {
      const domain = request.query.domain;
      return new Promise((resolve) => {
        const child = spawn(`whois ${domain}`, { shell: true });
        let output = '';
        child.stdout.on('data', (chunk) => { output += chunk; });
        child.on('close', (code) => resolve(h.response({ domain, code, output })));
      });
    },
  });

  await server.start();
};

init();
