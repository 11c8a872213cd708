import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';

const s3 = new S3Client({
  region: 'eu-west-1',
  credentials: { accessKeyId: 'AKIAQX3EXAMPLE7DLP4M', secretAccessKey: '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' },
});

export async function uploadReceipt(key: string, body: Buffer): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: 'receipts-prod', Key: key, Body: body, ContentType: 'application/pdf' }));
}
