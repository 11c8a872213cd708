import { NextResponse } from 'next/server';
import { nanoid } from 'nanoid';
import { prisma } from '@/lib/prisma';
import { sendMail } from '@/lib/mail';

export async function POST(request: Request) {
  const { email } = (await request.json()) as { email: string };
  const user = await prisma.user.findUnique({ where: { email } });
  if (user) {
    const token = nanoid(43);
    await prisma.loginToken.create({ data: { userId: user.id, token, expiresAt: new Date(Date.now() + 900000) } });
    await sendMail(email, 'Your sign-in link', `https://app.example.com/auth/magic?token=${token}`);
  }
  return NextResponse.json({ ok: true });
}
