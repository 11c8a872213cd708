import { NextRequest } from 'next/server';
import { encode } from 'he';
import { searchArticles } from '@/lib/search';

export async function GET(request: NextRequest) {
  const q = request.nextUrl.searchParams.get('q') ?? '';
  const hits = await searchArticles(q);
  const html = `<!doctype html>
<html><body>
<h1>${hits.length} results for "${encode(q)}"</h1>
</body></html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
