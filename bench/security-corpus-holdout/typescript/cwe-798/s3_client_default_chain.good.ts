import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

const s3 = new S3Client({
  region: process.env.AWS_REGION ?? 'eu-west-1',
  credentials: fromNodeProviderChain(),
});

export async function uploadReceipt(key: string, body: Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: 'receipts-prod', Key: key, Body: body, ContentType: 'application/pdf' }));
}
