import S3rver from "s3rver";
import { fileStoreContract } from "./contract.ts";
import { diskFileStore } from "./disk.ts";
import { s3FileStore } from "./s3.ts";

fileStoreContract("disk files", async () => {
  const dir = await Deno.makeTempDir();
  return { files: diskFileStore(dir), close: () => Deno.remove(dir, { recursive: true }) };
});

// A local S3-compatible server (s3rver: the S3 REST API on disk) on a port of its own; the adapter is the
// production code on the official AWS SDK, signing its requests as it would for AWS.
fileStoreContract("s3 files", async () => {
  const dir = await Deno.makeTempDir();
  const server = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory: dir,
    configureBuckets: [{ name: "fd-test" }],
  });
  const { port } = await server.run();
  const files = s3FileStore({
    bucket: "fd-test",
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    prefix: "frontdesk/",
  });
  return {
    files,
    async close() {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});
