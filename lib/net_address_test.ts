import assert from "node:assert/strict";
import { blockedAddressReason, blockedHostnameReason, parseIPv4, parseIPv6 } from "./net_address.ts";

Deno.test("parseIPv4 accepts only strict dotted decimal", () => {
  assert.equal(parseIPv4("127.0.0.1"), 0x7f000001);
  assert.equal(parseIPv4("255.255.255.255"), 0xffffffff);
  for (const bad of ["127.1", "256.0.0.1", "1.2.3.4.5", "0x7f.0.0.1", "", "a.b.c.d"]) {
    assert.equal(parseIPv4(bad), null, bad);
  }
});

Deno.test("parseIPv6 handles compression, brackets and embedded IPv4", () => {
  assert.equal(parseIPv6("::1"), 1n);
  assert.equal(parseIPv6("[::]"), 0n);
  assert.equal(parseIPv6("::ffff:127.0.0.1"), parseIPv6("::ffff:7f00:1"));
  assert.equal(parseIPv6("2001:db8:0:0:0:0:0:1"), parseIPv6("2001:db8::1"));
  for (const bad of ["1:::2", ":1", "1::2::3", "12345::", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1.2.3.4"]) {
    assert.equal(parseIPv6(bad), null, bad);
  }
});

Deno.test("every special-purpose IPv4 range is refused, edges included", () => {
  // deno-fmt-ignore -- a grid keeps the ranges readable
  const refused = [
    "0.0.0.0", "0.255.255.255", "10.0.0.1", "10.255.255.255", "100.64.0.1", "100.127.255.255", "127.0.0.1",
    "127.255.255.254", "169.254.0.1", "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1",
    "192.0.2.1", "192.88.99.1", "192.168.0.1", "192.168.255.255", "198.18.0.1", "198.19.255.255", "198.51.100.7",
    "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
  ];
  for (const ip of refused) assert.ok(blockedAddressReason(ip), `${ip} should be refused`);
  const allowed = [
    "8.8.8.8",
    "1.1.1.1",
    "9.255.255.255",
    "11.0.0.1",
    "100.63.255.255",
    "100.128.0.1",
    "172.15.255.255",
  ];
  allowed.push("172.32.0.1", "192.0.3.1", "192.167.255.255", "198.17.255.255", "198.20.0.1", "223.255.255.255");
  for (const ip of allowed) assert.equal(blockedAddressReason(ip), null, `${ip} should be allowed`);
});

Deno.test("IPv6 special ranges are refused and embedded IPv4 addresses are judged as IPv4", () => {
  // deno-fmt-ignore -- a grid keeps the ranges readable
  const refused = [
    "::", "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::7f00:1",
    "64:ff9b::a9fe:a9fe", "64:ff9b:1::1", "100::1", "2001::1", "2001:db8::1", "2002:7f00:1::1", "2002:a00:1::",
    "3fff::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "ff02::1", "::ffff:0:7f00:1", "1::",
  ];
  for (const ip of refused) assert.ok(blockedAddressReason(ip), `${ip} should be refused`);
  const allowed = [
    "2606:4700:4700::1111",
    "2a00:1450:4001:81c::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::",
  ];
  for (const ip of allowed) assert.equal(blockedAddressReason(ip), null, `${ip} should be allowed`);
});

Deno.test("allowLoopback lets loopback through and nothing else", () => {
  for (const ip of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"]) {
    assert.equal(blockedAddressReason(ip, { allowLoopback: true }), null, ip);
  }
  for (const ip of ["10.0.0.1", "169.254.169.254", "0.0.0.0", "::", "fe80::1"]) {
    assert.ok(blockedAddressReason(ip, { allowLoopback: true }), ip);
  }
});

Deno.test("local and private-network host names are refused before any lookup", () => {
  for (const name of ["localhost", "localhost.", "api.localhost", "metadata", "metadata.google.internal", "db.local"]) {
    assert.ok(blockedHostnameReason(name), name);
  }
  for (const name of ["router.home.arpa", "intranet.corp.lan", "ec2.compute.internal", "host.localdomain"]) {
    assert.ok(blockedHostnameReason(name), name);
  }
  assert.equal(blockedHostnameReason("localhost", { allowLoopback: true }), null);
  assert.equal(blockedHostnameReason("docs.example.com"), null);
  assert.equal(blockedHostnameReason("example.com."), null);
  assert.equal(blockedHostnameReason("not-an-address"), "a single-label name");
  assert.equal(blockedAddressReason("example.com"), "not an IP address");
});
