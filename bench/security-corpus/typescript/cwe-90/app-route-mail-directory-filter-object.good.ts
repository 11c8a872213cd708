import { NextRequest, NextResponse } from 'next/server';
import { Client, EqualityFilter } from 'ldapts';

export async function GET(request: NextRequest) {
  const email = (request.nextUrl.searchParams.get('email') ?? '').trim();
  const client = new Client({ url: process.env.LDAP_URL! });
  try {
    await client.bind(process.env.LDAP_BIND_DN!, process.env.LDAP_BIND_PASSWORD!);
    const filter = new EqualityFilter({ attribute: 'mail', value: email });
    const { searchEntries } = await client.search('dc=corp,dc=example', { scope: 'sub', filter, attributes: ['cn', 'telephoneNumber'] });
    return NextResponse.json(searchEntries);
  } finally {
    await client.unbind();
  }
}
