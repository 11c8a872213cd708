const CDN_ORIGIN = 'https://cdn.example-media.com';

export async function GET(request) {
  const src = request.nextUrl.searchParams.get('src');
  if (!src) {
    return new Response('missing src', { status: 400 });
  }
  const target = new URL(src, CDN_ORIGIN);
  if (target.origin !== CDN_ORIGIN) {
    return new Response('origin not permitted', { status: 400 });
  }
  const upstream = await fetch(target, { cache: 'no-store', redirect: 'error' });
  if (!upstream.ok) {
    return new Response('upstream error', { status: 502 });
  }
  return new Response(upstream.body, {
    headers: {
      'Content-Type': upstream.headers.get('content-type') ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=86400',
    },
  });
}
