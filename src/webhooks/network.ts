import dns from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { Agent } from 'undici';

/**
 * Keeps webhook deliveries off the service's own network (SSRF): a tenant's URL must not make the service POST to
 * its loopback, its private network or the cloud metadata address. Unless an operator allows private networks,
 * registration refuses URLs that name such a host, and delivery refuses to connect to one, whatever the URL's
 * hostname resolves to at that moment (DNS rebinding).
 */

/** IPv4 ranges that are not publicly routable (RFC 6890 and friends). */
const NON_PUBLIC_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8], // private (RFC 1918)
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the cloud metadata service 169.254.169.254 among them
  ['172.16.0.0', 12], // private (RFC 1918)
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16], // private (RFC 1918)
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, the broadcast address 255.255.255.255 included
];

/** IPv6 ranges that are not publicly routable, or that tunnel to an IPv4 address nobody checks. */
const NON_PUBLIC_V6: readonly (readonly [string, number])[] = [
  ['::', 96], // unspecified (::), loopback (::1) and the deprecated IPv4-compatible addresses
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215)
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

/** IPv6 prefixes that carry an IPv4 address in their last 32 bits: it decides. */
const V4_EMBEDDING_PREFIXES = ['::ffff:', '64:ff9b::']; // IPv4-mapped; NAT64 (RFC 6052)

const nonPublic = new BlockList();
const embedsV4 = new BlockList();
const globalUnicastV6 = new BlockList();
for (const [address, prefix] of NON_PUBLIC_V4) {
  nonPublic.addSubnet(address, prefix, 'ipv4');
  for (const embedding of V4_EMBEDDING_PREFIXES) nonPublic.addSubnet(`${embedding}${address}`, 96 + prefix, 'ipv6');
}
for (const [address, prefix] of NON_PUBLIC_V6) nonPublic.addSubnet(address, prefix, 'ipv6');
for (const embedding of V4_EMBEDDING_PREFIXES) embedsV4.addSubnet(`${embedding}0.0.0.0`, 96, 'ipv6');
globalUnicastV6.addSubnet('2000::', 3, 'ipv6');

/** Whether an IP address (v4 or v6, without brackets) is publicly routable. Anything that is not an IP is not. */
export function isPublicAddress(address: string): boolean {
  // A zone index (fe80::1%eth0) names an interface of this host; the address decides.
  const bare = address.split('%')[0]!;
  const family = isIP(bare);
  if (family === 4) return !nonPublic.check(bare, 'ipv4');
  if (family !== 6) return false;
  if (nonPublic.check(bare, 'ipv6')) return false;
  // An embedded IPv4 address that is public; everything else outside global unicast (2000::/3) is not public.
  return embedsV4.check(bare, 'ipv6') || globalUnicastV6.check(bare, 'ipv6');
}

/** A URL's host as an IP address (IPv6 without its brackets), or null when it is a name. */
function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}

const isLocalhost = (hostname: string) => {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
};

/**
 * Why a webhook URL must be refused when private networks are not allowed (its host is localhost or a literal
 * non-public IP address), or null. A hostname is not resolved here: what it resolves to is checked at each connection.
 */
export function privateUrlReason(url: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null; // not a URL: the schema says so
  }
  if (isLocalhost(hostname)) return `${hostname} is this host`;
  const literal = literalAddress(hostname);
  if (literal !== null && !isPublicAddress(literal)) return `${literal} is not a public address`;
  return null;
}

/**
 * Whether a URL carries a user name or password (https://user:pass@host/). Such a URL is never delivered (fetch
 * refuses it, and Standard Webhooks signatures are the authentication), and its password must not reach logs.
 */
export function hasCredentials(url: string): boolean {
  if (!URL.canParse(url)) return false; // not a URL: the schema says so
  const parsed = new URL(url);
  return parsed.username !== '' || parsed.password !== '';
}

/** Refusing to connect to a non-public address; its message is what the attempt records. */
export class PrivateAddressError extends Error {
  readonly code = 'ERR_WEBHOOK_PRIVATE_ADDRESS';
  readonly address: string;
  constructor(address: string, hostname?: string) {
    super(hostname === undefined || hostname === address ? `refused: ${address} is not a public address` : `refused: ${hostname} resolves to ${address}, which is not a public address`);
    this.name = 'PrivateAddressError';
    this.address = address;
  }
}

/** The literal IP address of a URL's host when it is not public: net.connect does not look IP addresses up. */
export function refusedLiteral(url: string): PrivateAddressError | null {
  if (!URL.canParse(url)) return null; // fetch reports it
  const literal = literalAddress(new URL(url).hostname);
  return literal !== null && !isPublicAddress(literal) ? new PrivateAddressError(literal) : null;
}

/** dns.lookup's form with `all: true`, the one the guard calls. */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net.connect that resolves with `resolve` (dns.lookup by default) and fails with a PrivateAddressError
 * when any address of the name is not public. It answers in the form asked: an array for `all: true` (what
 * net.connect asks when it tries every address, autoSelectFamily), else the first address and its family.
 */
export function publicOnlyLookup(resolve: Resolver = dns.lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, options.all ? [] : '', 0);
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      if (refused) return callback(new PrivateAddressError(refused.address, hostname), options.all ? [] : '', 0);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }), options.all ? [] : '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * What global fetch takes as `dispatcher`. @types/node describes it with undici 7's types; the fetch that runs is
 * Node 26's, undici 8, the major version of the `undici` package whose Agent is given to it.
 */
type FetchDispatcher = NonNullable<RequestInit['dispatcher']>;

let publicOnly: Agent | undefined;

/** The dispatcher that connects only to public addresses; one for the process, like fetch's own. */
export function publicOnlyDispatcher(): FetchDispatcher {
  publicOnly ??= new Agent({ connect: { lookup: publicOnlyLookup() } });
  return publicOnly as unknown as FetchDispatcher;
}
