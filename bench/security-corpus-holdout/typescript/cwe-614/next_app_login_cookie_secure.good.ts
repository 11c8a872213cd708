import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { verifyCredentials, issueSession } from '@/lib/auth';

export async function POST(req: Request) {
  const { email, password } = await req.json();
  const user = await verifyCredentials(email, password);
  if (!user) {
    return NextResponse.json({ message: 'invalid credentials' }, { status: 401 });
  }
  const token = await issueSession(user.id);
  cookies().set('session', token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 12 });
  return NextResponse.json({ ok: true });
}
