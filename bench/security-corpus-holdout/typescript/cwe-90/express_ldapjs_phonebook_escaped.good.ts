import express, { Request, Response } from 'express';
import ldap, { SearchOptions } from 'ldapjs';

const app = express();
const client = ldap.createClient({ url: 'ldap://directory.internal:389' });

function escapeFilterValue(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => '\\' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

app.get('/phonebook', (req: Request, res: Response) => {
  const surname = escapeFilterValue(String(req.query.surname ?? ''));
  const opts: SearchOptions = {
    scope: 'sub',
    filter: '(&(objectClass=inetOrgPerson)(sn=' + surname + '*))',
    attributes: ['cn', 'telephoneNumber'],
  };
  client.search('ou=staff,o=example', opts, (err, result) => {
    if (err) return res.status(500).json({ message: err.message });
    const entries: unknown[] = [];
    result.on('searchEntry', (e) => entries.push(e.pojo));
    result.on('end', () => res.json(entries));
  });
});

app.listen(3000);
