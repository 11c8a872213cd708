import { NextRequest, NextResponse } from 'next/server';
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: false });

export async function POST(req: NextRequest) {
  const svg = await req.text();
  const doc = parser.parse(svg);
  const root = doc.svg ?? {};
  return NextResponse.json({
    title: root.title ?? null,
    width: root.width ?? null,
    height: root.height ?? null,
  });
}
