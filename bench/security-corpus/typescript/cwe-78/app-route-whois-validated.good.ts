import { NextResponse } from 'next/server';
import { promisify } from 'util';
import { exec } from 'child_process';

const run = promisify(exec);
const DOMAIN = /^(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/;

export async function POST(request: Request) {
  const { domain } = await request.json();
  const target = String(domain).trim().toLowerCase();
  if (!DOMAIN.test(target)) {
    return NextResponse.json({ error: 'invalid domain' }, { status: 400 });
  }
  const { stdout } = await run('whois ' + target);
  return NextResponse.json({ output: stdout });
}
