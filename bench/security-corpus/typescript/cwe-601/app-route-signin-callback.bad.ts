import { NextRequest, NextResponse } from 'next/server';
import { verifyCredentials, createSessionCookie } from '@/lib/auth';

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const ok = await verifyCredentials(String(form.get('email')), String(form.get('password')));
  if (!ok) {
    return NextResponse.redirect(new URL('/login?error=1', request.url), 303);
  }
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') || '/';
  const response = NextResponse.redirect(new URL(callbackUrl, request.url), 303);
  response.headers.append('Set-Cookie', await createSessionCookie(String(form.get('email'))));
  return response;
}
