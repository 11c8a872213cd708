import Fastify from 'fastify';
import multipart from '@fastify/multipart';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

const app = Fastify();
app.register(multipart);

app.post('/uploads', async (request, reply) => {
  const data = await request.file();
  if (!data) return reply.code(400).send({ message: 'file missing' });
  const folder = (data.fields.folder as { value?: string } | undefined)?.value ?? 'misc';
  const target = path.join('/srv/uploads', folder, data.filename);
  await writeFile(target, await data.toBuffer());
  return { stored: target };
});

app.listen({ port: 3000 });
