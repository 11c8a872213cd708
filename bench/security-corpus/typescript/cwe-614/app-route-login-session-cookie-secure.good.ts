import { NextResponse } from 'next/server';
import { authenticate, createSessionToken } from '@/lib/auth';

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as { email: string; password: string };
  const user = await authenticate(email, password);
  if (!user) {
    return NextResponse.json({ error: 'invalid credentials' }, { status: 401 });
  }
  const token = await createSessionToken(user.id);
  const response = NextResponse.json({ ok: true });
  response.cookies.set('session', token, { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 60 * 60 * 8 });
  return response;
}
