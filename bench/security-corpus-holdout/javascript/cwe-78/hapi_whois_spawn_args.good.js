const Hapi = require('@hapi/hapi');
const { spawn } = require('child_process');

const init = async () => {
  const server = Hapi.server({ port: 4000 });

  server.route({
    method: 'GET',
    path: '/tools/whois',
    handler: (request, h) => {
      const domain = String(request.query.domain || '');
      if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(domain)) {
        return h.response({ error: 'invalid domain' }).code(400);
      }
      return new Promise((resolve) => {
        const child = spawn('whois', [domain]);
        let output = '';
        child.stdout.on('data', (chunk) => { output += chunk; });
        child.on('close', (code) => resolve(h.response({ domain, code, output })));
      });
    },
  });

  await server.start();
};

init();
