import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

const EXPORT_DIR = '/var/app/exports';

export async function GET(request) {
  const { searchParams } = new URL(request.url);
  const file = searchParams.get('file');
  if (!file) {
    return new Response('file parameter required', { status: 400 });
  }
  const target = path.resolve(EXPORT_DIR, file);
  if (!target.startsWith(EXPORT_DIR + path.sep)) {
    return new Response('forbidden', { status: 403 });
  }
  const stream = fs.createReadStream(target);
  return new Response(Readable.toWeb(stream), {
    headers: { 'Content-Disposition': `attachment; filename="${path.basename(target)}"` },
  });
}
