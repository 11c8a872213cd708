import { NextResponse } from 'next/server';
import { cookies } from 'next/headers';
import { getIronSession } from 'iron-session';
import { sessionOptions, SessionData } from '@/lib/session';

export async function POST(request: Request) {
  const session = await getIronSession<SessionData>(cookies(), sessionOptions);
  const { organizationId } = (await request.json()) as { organizationId: string };
  session.organizationId = organizationId;
  await session.save();
  return NextResponse.json({ organizationId });
}
