import { NextResponse } from 'next/server';
import { promisify } from 'util';
import { exec } from 'child_process';

const run = promisify(exec);

export async function POST(request: Request) {
  const { domain } = await request.json();
  let target: string;
  if (domain.endsWith('.local')) {
    target = 'example.com';
  } else {
    target = domain.trim();
  }
  const { stdout } = await run('whois ' + target);
  return NextResponse.json({ output: stdout });
}
