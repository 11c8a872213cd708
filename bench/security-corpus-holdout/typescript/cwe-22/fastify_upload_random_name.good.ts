import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const app = Fastify();
app.register(multipart);
const FOLDERS = new Set(['avatars', 'documents', 'misc']);
const EXTENSIONS = new Set(['.png', '.jpg', '.pdf', '.txt']);

app.post('/uploads', async (request, reply) => {
  const data = await request.file();
  if (!data) return reply.code(400).send({ message: 'file missing' });
  const requested = (data.fields.folder as { value?: string } | undefined)?.value ?? 'misc';
  const folder = FOLDERS.has(requested) ? requested : 'misc';
  const ext = path.extname(data.filename).toLowerCase();
  const target = path.join('/srv/uploads', folder, randomUUID() + (EXTENSIONS.has(ext) ? ext : '.bin'));
  await writeFile(target, await data.toBuffer());
  return { stored: target };
});

app.listen({ port: 3000 });
