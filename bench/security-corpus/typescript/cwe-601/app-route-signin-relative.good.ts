import { NextRequest, NextResponse } from 'next/server';
import { verifyCredentials, createSessionCookie } from '@/lib/auth';

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const ok = await verifyCredentials(String(form.get('email')), String(form.get('password')));
  if (!ok) {
    return NextResponse.redirect(new URL('/login?error=1', request.url), 303);
  }
  const requested = request.nextUrl.searchParams.get('callbackUrl') || '/';
  let target = new URL(requested, request.url);
  if (target.origin !== request.nextUrl.origin) {
    target = new URL('/', request.url);
  }
  const response = NextResponse.redirect(target, 303);
  response.headers.append('Set-Cookie', await createSessionCookie(String(form.get('email'))));
  return response;
}
