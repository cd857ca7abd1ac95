/**
 * Authenticated encryption for secrets at rest (provider API keys): AES-256-GCM
 * with a random 96-bit nonce per value. The stored form is
 * `v1.<nonce b64url>.<ciphertext+tag b64url>`; the associated data binds a
 * value to its owner (e.g. workspace id + provider) so it cannot be moved.
 *
 * @module
 */
import { base64url } from "./crypto.ts";

const encoder = new TextEncoder();

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/** Encrypts and decrypts small strings with one key. */
export interface SecretBox {
  seal(plaintext: string, associatedData: string): Promise<string>;
  open(sealed: string, associatedData: string): Promise<string>;
}

/** A SecretBox for a 32-byte key given as base64 (standard or url-safe). */
export async function createSecretBox(keyBase64: string): Promise<SecretBox> {
  const raw = fromBase64(keyBase64);
  if (raw.length !== 32) throw new Error("encryption key must be 32 bytes");
  const key = await crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return {
    async seal(plaintext, ad) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const ct = await crypto.subtle.encrypt(
        { name: "AES-GCM", iv, additionalData: encoder.encode(ad) },
        key,
        encoder.encode(plaintext),
      );
      return `v1.${base64url(iv)}.${base64url(new Uint8Array(ct))}`;
    },
    async open(sealed, ad) {
      const [v, iv, ct] = sealed.split(".");
      if (v !== "v1" || !iv || !ct) throw new Error("unknown sealed format");
      const pt = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64(iv), additionalData: encoder.encode(ad) },
        key,
        fromBase64(ct),
      );
      return new TextDecoder().decode(pt);
    },
  };
}

/** A fresh random key, base64. */
export function generateKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}
