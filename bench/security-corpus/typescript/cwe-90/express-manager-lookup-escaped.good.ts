import express, { Request, Response } from 'express';
import ldap, { SearchOptions } from 'ldapjs';
import { filter as ldapFilter } from 'ldap-escape';

const app = express();
const client = ldap.createClient({ url: process.env.LDAP_URL ?? 'ldap://ldap.internal:389' });

app.get('/people/:uid/manager', (req: Request, res: Response) => {
  const uid = req.params.uid;
  const options: SearchOptions = { scope: 'sub', filter: ldapFilter`(&(objectClass=person)(uid=${uid}))`, attributes: ['manager'] };
  client.search('ou=people,dc=corp,dc=example', options, (err, search) => {
    if (err) return res.status(500).end();
    const managers: string[] = [];
    search.on('searchEntry', (entry) => managers.push(String(entry.pojo.attributes[0]?.values[0])));
    search.on('end', () => res.json({ uid, managers }));
  });
});

export default app;
