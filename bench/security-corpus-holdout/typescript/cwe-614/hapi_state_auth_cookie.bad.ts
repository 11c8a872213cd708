import Hapi from '@hapi/hapi';
import { login } from './auth';

export function registerLogin(server: Hapi.Server): void {
  server.route({
    method: 'POST',
    path: '/login',
    handler: async (request, h) => {
      const { username, password } = request.payload as { username: string; password: string };
      const token = await login(username, password);
      if (!token) return h.response({ message: 'denied' }).code(401);
      return h.response({ ok: true }).state('auth', token, { isSecure: false, isHttpOnly: true, path: '/', ttl: 86400000 });
    },
  });
}
