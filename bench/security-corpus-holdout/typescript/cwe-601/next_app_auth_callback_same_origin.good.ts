import { NextRequest, NextResponse } from 'next/server';
import { exchangeCode } from '@/lib/oauth';

export async function GET(request: NextRequest) {
  const code = request.nextUrl.searchParams.get('code');
  const next = request.nextUrl.searchParams.get('next') ?? '/';
  if (code) {
    await exchangeCode(code);
  }
  let target = new URL(next, request.url);
  if (target.origin !== request.nextUrl.origin) {
    target = new URL('/', request.url);
  }
  return NextResponse.redirect(target);
}
