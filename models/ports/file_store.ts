/**
 * The FileStore port: bytes kept under server-chosen keys (uploaded documents
 * and chat attachments). Default adapter: local disk under DATA_DIR.
 *
 * @module
 */

/** Stores blobs by key. Keys are made by the app (ids), never by clients. */
export interface FileStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes, or null when absent. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}
