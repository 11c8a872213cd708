import Hapi from '@hapi/hapi';
import pug from 'pug';

export async function start(): Promise<void> {
  const server = Hapi.server({ port: 3000 });
  server.route({
    method: 'GET',
    path: '/card',
    handler: (request, h) => {
      const recipient = String(request.query.to ?? 'friend');
      const source = 'div.card\n  h1 Happy birthday, ' + recipient + '!\n  p From all of us';
      const html = pug.render(source);
      return h.response(html).type('text/html');
    },
  });
  await server.start();
}
