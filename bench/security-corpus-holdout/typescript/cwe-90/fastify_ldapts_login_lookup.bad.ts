import Fastify, { FastifyRequest } from 'fastify';
import { Client } from 'ldapts';

const app = Fastify();

app.post('/auth/ldap', async (request: FastifyRequest<{ Body: { login: string; password: string } }>, reply) => {
  const { login, password } = request.body;
  const client = new Client({ url: 'ldaps://dc01.corp.example.net' });
  try {
    await client.bind(process.env.LDAP_SERVICE_DN!, process.env.LDAP_SERVICE_PW!);
    const filter = `(|(sAMAccountName=${login})(userPrincipalName=${login}))`;
    const { searchEntries } = await client.search('DC=corp,DC=example,DC=net', { scope: 'sub', filter });
    if (searchEntries.length !== 1) return reply.code(401).send();
    await client.bind(searchEntries[0].dn, password);
    return { dn: searchEntries[0].dn };
  } finally {
    await client.unbind();
  }
});

app.listen({ port: 3000 });
