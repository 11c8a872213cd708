import type { NextApiRequest, NextApiResponse } from 'next';
import CryptoJS from 'crypto-js';
import { storeAsset } from '@/lib/assets';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { filename, contentBase64 } = req.body as { filename: string; contentBase64: string };
  const checksum = CryptoJS.MD5(CryptoJS.enc.Base64.parse(contentBase64)).toString(CryptoJS.enc.Hex);
  const asset = await storeAsset({ filename, contentBase64, checksum });
  res.setHeader('ETag', `"${checksum}"`);
  res.status(201).json({ id: asset.id, checksum });
}
