/**
 * FileStore on S3-compatible object storage (AWS S3, Cloudflare R2, MinIO,
 * Backblaze B2...) through the official AWS SDK client. Selected when
 * `S3_URL` or `S3_BUCKET` is set (lib/config.ts); local disk otherwise. Keys
 * are the app's own (`checkFileKey`), so no client-made name reaches the
 * bucket; objects are written whole (one PUT: uploads are at most
 * MAX_UPLOAD_MB).
 *
 * @module
 */
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { FileStore } from "../../models/ports/file_store.ts";
import type { S3Settings } from "../../lib/config.ts";
import { checkFileKey } from "./disk.ts";

/** A FileStore in the settings' bucket, keys under its prefix. */
export function s3FileStore(s: S3Settings): FileStore {
  const client = new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    // Without keys here, the SDK's default chain applies (AWS_ACCESS_KEY_ID..., instance or pod roles).
    ...(s.accessKeyId && s.secretAccessKey
      ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
      : {}),
  });
  const Bucket = s.bucket;
  const objectKey = (key: string) => s.prefix + checkFileKey(key);
  return {
    async put(key, bytes) {
      await client.send(new PutObjectCommand({ Bucket, Key: objectKey(key), Body: bytes }));
    },
    async get(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: objectKey(key) }));
        return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
      } catch (err) {
        if (err instanceof NoSuchKey || (err as { name?: string }).name === "NoSuchKey") return null;
        throw err;
      }
    },
    async delete(key) {
      // S3 answers a delete of a missing key with success, like the disk store.
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },
  };
}
