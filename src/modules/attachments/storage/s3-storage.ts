import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Config } from '../../../../config/index.js';
import { byteCounter, checkKey, type ObjectStorage, StorageObjectMissing } from './object-storage.js';

/**
 * Objects in an S3-compatible store, through the official AWS SDK. Writes stream through
 * lib-storage's Upload (multipart above 5 MiB, parts of 5 MiB in memory at most a few at a time), so
 * a file is never whole in memory. Checksums only where the protocol requires them: several
 * S3-compatible stores do not speak the SDK's newer default integrity headers.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: config.credentials ?? undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, body: Readable): Promise<{ size: number }> {
    const counted = byteCounter();
    body.on('error', (e) => counted.destroy(e));
    body.pipe(counted);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: checkKey(key), Body: counted },
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
    return { size: counted.bytes };
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return out.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey || e instanceof NotFound) throw new StorageObjectMissing(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
      return true;
    } catch (e) {
      if (e instanceof NotFound || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw e;
    }
  }

  destroy() {
    this.client.destroy();
  }
}
