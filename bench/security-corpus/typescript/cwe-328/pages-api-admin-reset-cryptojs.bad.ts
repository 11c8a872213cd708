import type { NextApiRequest, NextApiResponse } from 'next';
import CryptoJS from 'crypto-js';
import { requireAdmin } from '@/lib/auth';
import { db } from '@/lib/db';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await requireAdmin(req);
  const { userId, temporaryPassword } = req.body as { userId: number; temporaryPassword: string };
  const hashed = CryptoJS.MD5(temporaryPassword).toString(CryptoJS.enc.Hex);
  await db.user.update({ where: { id: Number(userId) }, data: { passwordHash: hashed, mustChange: true } });
  res.status(200).json({ ok: true });
}
