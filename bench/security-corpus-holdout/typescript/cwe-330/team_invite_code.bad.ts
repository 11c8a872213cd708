import { prisma } from '@/lib/prisma';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function createInvite(teamId: string, email: string) {
  const code = Array.from({ length: 10 }, () => ALPHABET.charAt(Math.floor(Math.random() * ALPHABET.length))).join('');
  return prisma.invite.create({
    data: { teamId, email, code, expiresAt: new Date(Date.now() + 72 * 3600 * 1000) },
  });
}
