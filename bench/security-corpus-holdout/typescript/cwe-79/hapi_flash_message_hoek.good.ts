import Hapi from '@hapi/hapi';
import Hoek from '@hapi/hoek';

export function registerFlash(server: Hapi.Server): void {
  server.route({
    method: 'GET',
    path: '/notice',
    handler: (request, h) => {
      const { msg, level } = request.query as { msg?: string; level?: string };
      const cls = level === 'error' ? 'alert-danger' : 'alert-info';
      const markup = '<div class="alert ' + cls + '">' + Hoek.escapeHtml(msg ?? '') + '</div>';
      return h.response(markup).type('text/html');
    },
  });
}
