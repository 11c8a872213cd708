export async function GET(request) {
  const src = request.nextUrl.searchParams.get('src');
  if (!src) {
    return new Response('missing src', { status: 400 });
  }
  const upstream = await fetch(src, { cache: 'no-store' });
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
