import Hapi from '@hapi/hapi';

export function registerFlash(server: Hapi.Server): void {
  server.route({
    method: 'GET',
    path: '/notice',
    handler: (request, h) => {
      const { msg, level } = request.query as { msg?: string; level?: string };
      const cls = level === 'error' ? 'alert-danger' : 'alert-info';
      const markup = '<div class="alert ' + cls + '">' + (msg ?? '') + '</div>';
      return h.response(markup).type('text/html');
    },
  });
}
