import { NextRequest, NextResponse } from 'next/server';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LOCALES = ['en', 'de', 'es'];

export async function GET(req: NextRequest) {
  const slug = req.nextUrl.searchParams.get('slug') ?? 'index';
  const lang = req.headers.get('accept-language')?.slice(0, 2) ?? 'en';
  const locale = LOCALES.includes(lang) ? lang : 'en';
  if (!SLUG.test(slug)) {
    return NextResponse.json({ message: 'invalid slug' }, { status: 400 });
  }
  const file = path.join(process.cwd(), 'content', locale, `${slug}.md`);
  try {
    const body = await readFile(file, 'utf8');
    return NextResponse.json({ slug, body });
  } catch {
    return NextResponse.json({ message: 'not found' }, { status: 404 });
  }
}
