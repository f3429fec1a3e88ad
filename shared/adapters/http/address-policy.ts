import { BlockList, isIP } from 'node:net';

// Every range a fetch on behalf of a feed must never reach (IANA special-purpose registries,
// RFC 6890 and successors): loopback, private, link-local (cloud metadata), CGNAT, benchmarking,
// documentation, multicast, reserved, and the IPv6 equivalents.
const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['255.255.255.255', 32],
];
const BLOCKED_V6: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['::', 96],
  // IPv4-translated addresses (RFC 2765 SIIT): never in public DNS, and a way to spell 127.0.0.1.
  ['::ffff:0:0:0', 96],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
  ['64:ff9b:1::', 48],
  // Documentation (RFC 9637) and SRv6 segment identifiers (RFC 9602): never a web server.
  ['3fff::', 20],
  ['5f00::', 16],
];

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');

const blocked = new BlockList();
for (const [address, prefix] of BLOCKED_V4) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of BLOCKED_V6) blocked.addSubnet(address, prefix, 'ipv6');

function hexToV4(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

function expandV6(address: string): number[] | null {
  let text = address
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail?.[1]) {
    const parts = v4Tail[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -v4Tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (tail === undefined ? headParts.length !== 8 : missing < 0) return null;
  const words = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts].map((part) => Number.parseInt(part, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/**
 * The IPv4 address an IPv6 address carries, for the transition forms an attacker can use to
 * reach an IPv4 target: IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::/96) and 6to4 (2002::/16).
 */
export function embeddedIpv4(address: string): string | null {
  const w = expandV6(address);
  if (!w) return null;
  const [w0, w1, w2, w3, w4, w5, w6 = 0, w7 = 0] = w;
  if (w0 === 0 && w1 === 0 && w2 === 0 && w3 === 0 && w4 === 0 && (w5 === 0xffff || w5 === 0)) return hexToV4(w6, w7);
  if (w0 === 0x64 && w1 === 0xff9b && w2 === 0 && w3 === 0 && w4 === 0 && w5 === 0) return hexToV4(w6, w7);
  if (w0 === 0x2002) return hexToV4(w1 ?? 0, w2 ?? 0);
  return null;
}

/** Whether an address is a loopback address (127.0.0.0/8, ::1, or either spelled as IPv4-mapped). */
export function isLoopbackAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIP(bare) === 4) return loopback.check(bare, 'ipv4');
  if (isIP(bare) !== 6) return false;
  if (expandV6(bare)?.join(':') === '0:0:0:0:0:0:0:1') return true;
  const v4 = embeddedIpv4(bare);
  return v4 !== null && loopback.check(v4, 'ipv4');
}

/** Whether an IP address lies in a range outbound fetches must never reach. Non-IPs are blocked. */
export function isBlockedAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return blocked.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4) return blocked.check(v4, 'ipv4');
    return blocked.check(bare, 'ipv6');
  }
  return true;
}
