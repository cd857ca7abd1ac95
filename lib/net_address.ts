/**
 * Which URLs, hosts and IP addresses a server-side fetch may reach (SSRF
 * defence). `vetUrl` applies the address rules to the URL host and to every DNS
 * answer; `safe_fetch.ts` calls it for each request and each redirect hop.
 * Anything not plainly public internet is refused, with a short reason that is
 * safe to show to the user.
 *
 * @module
 */
import { ValidationError } from "./errors.ts";

type V4Block = [base: string, bits: number, reason: string];

// RFC 6890 special-purpose ranges: none of these is a public web server.
const V4_BLOCKS: V4Block[] = [
  ["0.0.0.0", 8, "a 'this network' address"],
  ["10.0.0.0", 8, "a private address"],
  ["100.64.0.0", 10, "a shared (carrier-grade NAT) address"],
  ["169.254.0.0", 16, "a link-local or cloud metadata address"],
  ["172.16.0.0", 12, "a private address"],
  ["192.0.0.0", 24, "an IETF protocol address"],
  ["192.0.2.0", 24, "a documentation address"],
  ["192.88.99.0", 24, "a 6to4 relay address"],
  ["192.168.0.0", 16, "a private address"],
  ["198.18.0.0", 15, "a benchmarking address"],
  ["198.51.100.0", 24, "a documentation address"],
  ["203.0.113.0", 24, "a documentation address"],
  ["224.0.0.0", 4, "a multicast address"],
  ["240.0.0.0", 4, "a reserved or broadcast address"],
];

type V6Block = [base: string, bits: number, reason: string];

// Checked after loopback and the forms that embed an IPv4 address.
const V6_BLOCKS: V6Block[] = [
  ["::", 96, "a deprecated IPv4-compatible or unspecified address"],
  ["::ffff:0:0:0", 96, "an IPv4-translated address"],
  ["64:ff9b:1::", 48, "a local-use NAT64 address"],
  ["100::", 64, "a discard-only address"],
  ["2001::", 32, "a Teredo tunnel address"],
  ["2001:db8::", 32, "a documentation address"],
  ["3fff::", 20, "a documentation address"],
  ["fc00::", 7, "a unique-local (private) address"],
  ["fe80::", 10, "a link-local address"],
  ["fec0::", 10, "a site-local address"],
  ["ff00::", 8, "a multicast address"],
];

/** Parses strict dotted-decimal IPv4 (what URLs and DNS answers normalise to) into a 32-bit number. */
export function parseIPv4(text: string): number | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Parses an IPv6 address (brackets allowed, embedded dotted IPv4 allowed) into a 128-bit bigint. */
export function parseIPv6(text: string): bigint | null {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (s.includes("%")) return null; // zone ids only make sense for link-local, which we refuse anyway
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = parseIPv4(v4[1]);
    if (n === null) return null;
    s = s.slice(0, v4.index) + ((n >>> 16).toString(16) + ":" + (n & 0xffff).toString(16));
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

function inV6(value: bigint, base: string, bits: number): boolean {
  const shift = BigInt(128 - bits);
  return value >> shift === parseIPv6(base)! >> shift;
}

function v4Reason(n: number, allowLoopback: boolean): string | null {
  if (n >>> 24 === 127) return allowLoopback ? null : "a loopback address";
  for (const [base, bits, reason] of V4_BLOCKS) {
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    if (((n & mask) >>> 0) === ((parseIPv4(base)! & mask) >>> 0)) return reason;
  }
  return null;
}

function v6Reason(v: bigint, allowLoopback: boolean): string | null {
  if (v === 1n) return allowLoopback ? null : "a loopback address";
  const low32 = Number(v & 0xffffffffn);
  // These forms carry an IPv4 address that the network may route to: judge that address.
  if (inV6(v, "::ffff:0:0", 96) || inV6(v, "64:ff9b::", 96)) return v4Reason(low32, allowLoopback);
  if (inV6(v, "2002::", 16)) return v4Reason(Number((v >> 80n) & 0xffffffffn), allowLoopback);
  for (const [base, bits, reason] of V6_BLOCKS) if (inV6(v, base, bits)) return reason;
  // Only 2000::/3 is allocated as global unicast; anything else is not a public server.
  return inV6(v, "2000::", 3) ? null : "a reserved address";
}

/** True when `host` is an IP literal (IPv4 dotted, or IPv6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseIPv4(host) !== null || parseIPv6(host) !== null;
}

/**
 * Why `address` must not be fetched ("a private address", ...), or null when it is public.
 * Input that is not an IP address is refused too.
 */
export function blockedAddressReason(address: string, opts: { allowLoopback?: boolean } = {}): string | null {
  const allowLoopback = opts.allowLoopback ?? false;
  const v4 = parseIPv4(address);
  if (v4 !== null) return v4Reason(v4, allowLoopback);
  const v6 = parseIPv6(address);
  if (v6 !== null) return v6Reason(v6, allowLoopback);
  return "not an IP address";
}

// Names that only mean something inside a private network or on this machine.
const PRIVATE_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home.arpa"];

/**
 * Why a host *name* (not an IP literal) must not be fetched, or null when it may be
 * resolved and checked. Expects a URL-normalised (lower-case, punycode) hostname.
 */
export function blockedHostnameReason(hostname: string, opts: { allowLoopback?: boolean } = {}): string | null {
  const name = hostname.replace(/\.+$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) {
    return opts.allowLoopback ? null : "a local name";
  }
  // Single-label names ("metadata", "db") resolve through search domains to internal hosts.
  if (!name.includes(".")) return "a single-label name";
  if (PRIVATE_SUFFIXES.some((s) => name.endsWith(s))) return "a private-network name";
  return null;
}

/** Resolves a host name to its IP addresses (A and AAAA); injectable for tests. */
export type Resolver = (host: string) => Promise<string[]>;

/** Which URLs may be fetched. */
export interface UrlPolicy {
  /** Tests only: allow 127.0.0.0/8, ::1 and `localhost`. */
  allowLoopback?: boolean;
  resolve?: Resolver;
}

const DNS_TIMEOUT_MS = 5_000;

/** The production resolver: A and AAAA records through `Deno.resolveDns`. */
export const resolveDns: Resolver = async (host) => {
  const lookup = (type: "A" | "AAAA") =>
    Deno.resolveDns(host, type, { signal: AbortSignal.timeout(DNS_TIMEOUT_MS) }).catch(() => [] as string[]);
  const [a, aaaa] = await Promise.all([lookup("A"), lookup("AAAA")]);
  return [...a, ...aaaa];
};

function refuse(url: string, reason: string): never {
  throw new ValidationError(`This URL can't be fetched: ${reason}.`, { url, reason }, "unsafe_url");
}

/** A checked URL and the public addresses its host stood for when checked. */
export interface VettedUrl {
  url: URL;
  addresses: string[];
}

/** Like {@linkcode assertPublicUrl}, also returning the checked addresses (for pinning). */
export async function vetUrl(input: string | URL, policy: UrlPolicy = {}): Promise<VettedUrl> {
  const raw = String(input);
  let url: URL;
  try {
    url = new URL(raw); // WHATWG parsing turns 2130706433, 0177.0.0.1 and 0x7f.1 into 127.0.0.1
  } catch {
    refuse(raw.slice(0, 200), "it is not a valid URL");
  }
  const shown = url.href.slice(0, 200);
  if (url.protocol !== "http:" && url.protocol !== "https:") refuse(shown, "only http and https are allowed");
  if (url.username || url.password) refuse(shown, "it contains credentials");
  const host = url.hostname;
  if (isIpLiteral(host)) {
    const reason = blockedAddressReason(host, policy);
    if (reason) refuse(shown, `the host is ${reason}`);
    return { url, addresses: [host.replace(/^\[|\]$/g, "")] };
  }
  const nameReason = blockedHostnameReason(host, policy);
  if (nameReason) refuse(shown, `the host is ${nameReason}`);
  const addresses = await (policy.resolve ?? resolveDns)(host.replace(/\.+$/, ""));
  if (addresses.length === 0) refuse(shown, "the host name does not resolve");
  // Every answer must be public: fetch may pick any of them.
  for (const address of addresses) {
    const reason = blockedAddressReason(address, policy);
    if (reason) refuse(shown, `the host resolves to ${reason}`);
  }
  return { url, addresses };
}

/**
 * Checks that a user-supplied URL may be fetched from the server and returns it parsed.
 * Throws `ValidationError` with code `unsafe_url` otherwise.
 */
export async function assertPublicUrl(url: string, opts: UrlPolicy = {}): Promise<URL> {
  return (await vetUrl(url, opts)).url;
}
