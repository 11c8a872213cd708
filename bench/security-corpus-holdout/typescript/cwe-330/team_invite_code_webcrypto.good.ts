import { prisma } from '@/lib/prisma';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export async function createInvite(teamId: string, email: string) {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const code = Array.from(bytes, (b) => ALPHABET.charAt(b % ALPHABET.length)).join('');
  return prisma.invite.create({
    data: { teamId, email, code, expiresAt: new Date(Date.now() + 72 * 3600 * 1000) },
  });
}
