import { NextResponse } from 'next/server';
import { prisma } from '@/lib/prisma';

interface ArchiveRequest {
  authorId: string;
  before: string;
}

export async function POST(request: Request) {
  const payload = (await request.json()) as ArchiveRequest;
  const cutoff = payload.before;
  const statement = "UPDATE posts SET archived = true WHERE author_id = '" + payload.authorId + "' AND created_at < '" + cutoff + "'";
  const count = await prisma.$executeRawUnsafe(statement);
  return NextResponse.json({ archived: count });
}
