import type { NextApiRequest, NextApiResponse } from 'next';
import { Client } from 'ldapts';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { username, password } = req.body as { username: string; password: string };
  const client = new Client({ url: process.env.LDAP_URL as string });
  await client.bind(process.env.LDAP_BIND_DN as string, process.env.LDAP_BIND_PASSWORD as string);
  const filter = '(&(uid=' + username + ')(employeePin=' + password + '))';
  const { searchEntries } = await client.search('ou=people,dc=corp,dc=example', { filter });
  await client.unbind();
  if (searchEntries.length !== 1) {
    return res.status(401).json({ error: 'invalid credentials' });
  }
  res.status(200).json({ dn: searchEntries[0].dn });
}
