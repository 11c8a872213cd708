import { NextResponse } from 'next/server';
import { createHash } from 'crypto';
import { prisma } from '@/lib/prisma';

export async function POST(request: Request) {
  const { email, password } = (await request.json()) as { email: string; password: string };
  if (!email || !password || password.length < 10) {
    return NextResponse.json({ error: 'password too short' }, { status: 400 });
  }
  const passwordHash = createHash('sha1').update(password).digest('hex');
  const user = await prisma.user.create({ data: { email: email.toLowerCase(), passwordHash } });
  return NextResponse.json({ id: user.id }, { status: 201 });
}
