import { NextResponse } from 'next/server';
import libxmljs from 'libxmljs';

export async function POST(request: Request) {
  const xml = await request.text();
  let doc: libxmljs.Document;
  try {
    doc = libxmljs.parseXml(xml, { noent: true, nocdata: true });
  } catch {
    return NextResponse.json({ error: 'invalid gpx' }, { status: 400 });
  }
  const points = doc.find('//*[local-name()="trkpt"]');
  const name = doc.get('//*[local-name()="name"]');
  return NextResponse.json({ name: name?.text() ?? null, points: points.length });
}
