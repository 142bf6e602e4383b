import type { LookupAddress, LookupAllOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PrivateAddressError, isPublicAddress, privateUrlReason, publicOnlyLookup, refusedLiteral, type Resolver } from '../../src/webhooks/network.ts';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['169.254.0.1', 'link-local'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback, long form'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['febf:ffff::1', 'IPv6 link-local, top'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:10.0.0.5', 'IPv4-mapped private'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['64:ff9b::10.0.0.1', 'NAT64 of a private address'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of the metadata address'],
    ['64:ff9b:1::8.8.8.8', 'local-use NAT64'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['2002:7f00:1::1', '6to4'],
    ['100::1', 'discard-only'],
    ['not-an-ip', 'not an address'],
    ['', 'empty'],
    ['localhost', 'a name'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '11.0.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '169.255.0.1',
    '192.167.255.255',
    '192.169.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('privateUrlReason', () => {
  it.each([
    ['http://localhost/x', 'localhost is this host'],
    ['http://LOCALHOST./x', 'localhost. is this host'],
    ['https://api.localhost:8443/', 'api.localhost is this host'],
    ['http://127.0.0.1:9/x', '127.0.0.1 is not a public address'],
    ['http://169.254.169.254/latest', '169.254.169.254 is not a public address'],
    ['http://[::1]/', '::1 is not a public address'],
    ['http://[fd00::5]:8080/hook', 'fd00::5 is not a public address'],
    // The URL parser normalizes other spellings of an IPv4 address, and IPv6 ones.
    ['http://2130706433/', '127.0.0.1 is not a public address'],
    ['http://0x7f.1/', '127.0.0.1 is not a public address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is not a public address'],
  ])('%s: %s', (url, reason) => {
    expect(privateUrlReason(url)).toBe(reason);
  });

  it.each(['https://crm.example.com/hooks', 'http://8.8.8.8/x', 'https://[2606:4700:4700::1111]/', 'https://localhost.example.com/', 'https://mylocalhost/'])(
    'accepts %s (names are checked when connecting)',
    (url) => {
      expect(privateUrlReason(url)).toBeNull();
    },
  );

  it('leaves what is not a URL to the schema', () => {
    expect(privateUrlReason('not a url')).toBeNull();
  });
});

describe('refusedLiteral', () => {
  it('refuses a literal non-public address, and nothing else', () => {
    expect(refusedLiteral('http://10.0.0.5:8080/x')).toEqual(expect.objectContaining({ message: 'refused: 10.0.0.5 is not a public address', address: '10.0.0.5' }));
    expect(refusedLiteral('http://[::1]:8080/x')?.message).toBe('refused: ::1 is not a public address');
    expect(refusedLiteral('http://8.8.8.8/x')).toBeNull();
    // A name is left to the lookup.
    expect(refusedLiteral('http://localhost/x')).toBeNull();
  });
});

describe('publicOnlyLookup', () => {
  /** A resolver that answers from a table, and records what it was asked. */
  function fakeResolver(table: Record<string, LookupAddress[]>) {
    const calls: { hostname: string; options: LookupAllOptions }[] = [];
    const resolve: Resolver = (hostname, options, callback) => {
      calls.push({ hostname, options });
      const addresses = table[hostname];
      setImmediate(() =>
        addresses ? callback(null, addresses) : callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []),
      );
    };
    return { resolve, calls };
  }

  const table = {
    'public.example': [
      { address: '93.184.216.34', family: 4 },
      { address: '2606:2800:220:1::1', family: 6 },
    ],
    'rebound.example': [{ address: '10.0.0.5', family: 4 }],
    'mixed.example': [
      { address: '93.184.216.34', family: 4 },
      { address: '::1', family: 6 },
    ],
    'metadata.example': [{ address: '169.254.169.254', family: 4 }],
    'empty.example': [],
  };

  /** Calls the lookup as net.connect does, and gives back what it answered. */
  function call(lookup: LookupFunction, hostname: string, options: Parameters<LookupFunction>[1]) {
    return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family: number | undefined }>((resolve) => {
      lookup(hostname, options, (error, address, family) => resolve({ error, address, family }));
    });
  }

  it('passes public addresses through, as an array when all are asked for', async () => {
    const fake = fakeResolver(table);
    const answer = await call(publicOnlyLookup(fake.resolve), 'public.example', { all: true, family: 0 });
    expect(answer).toMatchObject({ error: null, address: table['public.example'] });
    expect(fake.calls).toEqual([{ hostname: 'public.example', options: { all: true, family: 0 } }]);
  });

  it('answers the first address and its family when one is asked for, checking them all', async () => {
    const fake = fakeResolver(table);
    expect(await call(publicOnlyLookup(fake.resolve), 'public.example', { family: 4, hints: 0 })).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    // Resolved with all: true, the caller's other options kept.
    expect(fake.calls).toEqual([{ hostname: 'public.example', options: { family: 4, hints: 0, all: true } }]);
  });

  it.each([
    ['rebound.example', '10.0.0.5'],
    ['mixed.example', '::1'],
    ['metadata.example', '169.254.169.254'],
  ])('refuses %s, which resolves to %s, in both forms', async (hostname, address) => {
    const lookup = publicOnlyLookup(fakeResolver(table).resolve);
    for (const options of [{ all: true }, {}]) {
      const { error } = await call(lookup, hostname, options);
      expect(error).toBeInstanceOf(PrivateAddressError);
      expect(error!.message).toBe(`refused: ${hostname} resolves to ${address}, which is not a public address`);
      expect(error!.code).toBe('ERR_WEBHOOK_PRIVATE_ADDRESS');
    }
  });

  it("passes the resolver's errors through, and treats no address as not found", async () => {
    const lookup = publicOnlyLookup(fakeResolver(table).resolve);
    expect((await call(lookup, 'nowhere.example', { all: true })).error).toMatchObject({ code: 'ENOTFOUND' });
    expect((await call(lookup, 'nowhere.example', {})).error).toMatchObject({ code: 'ENOTFOUND' });
    expect((await call(lookup, 'empty.example', {})).error).toMatchObject({ code: 'ENOTFOUND' });
  });
});
