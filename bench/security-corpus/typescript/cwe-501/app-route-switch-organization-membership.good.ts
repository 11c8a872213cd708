import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getIronSession } from 'iron-session';
import { sessionOptions, SessionData } from '@/lib/session';
import { prisma } from '@/lib/prisma';

export async function POST(request: Request) {
  const session = await getIronSession<SessionData>(cookies(), sessionOptions);
  const { organizationId } = (await request.json()) as { organizationId: string };
  const membership = await prisma.membership.findFirst({ where: { userId: session.userId, organizationId } });
  if (!membership) {
    return NextResponse.json({ error: 'not a member' }, { status: 403 });
  }
  session.organizationId = membership.organizationId;
  await session.save();
  return NextResponse.json({ organizationId: membership.organizationId });
}
