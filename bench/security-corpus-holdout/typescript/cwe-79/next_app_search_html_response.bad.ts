import { NextRequest } from 'next/server';

export async function GET(req: NextRequest) {
  const q = req.nextUrl.searchParams.get('q') ?? '';
  const html = `<!doctype html>
<html>
  <body>
    <form><input name="q" value="${q}"></form>
    <p>No documents matched your query.</p>
  </body>
</html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
