import { NextRequest, NextResponse } from 'next/server';

const IMAGE_HOSTS = new Set(['images.example-cdn.com', 'uploads.example.com']);

export async function GET(request: NextRequest) {
  const src = request.nextUrl.searchParams.get('src') ?? '';
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return NextResponse.json({ error: 'invalid url' }, { status: 400 });
  }
  if (url.protocol !== 'https:' || !IMAGE_HOSTS.has(url.hostname) || url.port !== '') {
    return NextResponse.json({ error: 'host not allowed' }, { status: 400 });
  }
  const upstream = await fetch(url, { cache: 'no-store', redirect: 'error' });
  return new NextResponse(await upstream.arrayBuffer(), { status: upstream.status });
}
