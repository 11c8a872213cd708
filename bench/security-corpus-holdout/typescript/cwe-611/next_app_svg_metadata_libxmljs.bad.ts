import { NextRequest, NextResponse } from 'next/server';
import libxmljs from 'libxmljs';

export async function POST(req: NextRequest) {
  const svg = await req.text();
  const doc = libxmljs.parseXml(svg, { noent: true, dtdload: true });
  const title = doc.get('//*[local-name()="title"]')?.text() ?? null;
  const root = doc.root();
  return NextResponse.json({
    title,
    width: root?.attr('width')?.value() ?? null,
    height: root?.attr('height')?.value() ?? null,
  });
}
