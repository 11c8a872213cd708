import { NextRequest, NextResponse } from 'next/server';
import { promises as fs } from 'fs';
import path from 'path';

const CONTENT_DIR = path.resolve(process.cwd(), 'content');

export async function GET(request: NextRequest) {
  const file = request.nextUrl.searchParams.get('file') ?? 'index.md';
  const location = path.resolve(CONTENT_DIR, file);
  if (!location.startsWith(CONTENT_DIR + path.sep)) {
    return NextResponse.json({ error: 'invalid path' }, { status: 400 });
  }
  try {
    const text = await fs.readFile(location, 'utf8');
    return new NextResponse(text, { headers: { 'Content-Type': 'text/markdown' } });
  } catch {
    return NextResponse.json({ error: 'not found' }, { status: 404 });
  }
}
