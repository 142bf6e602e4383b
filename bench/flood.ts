/**
 * `node bench/flood.ts URL PATH CONNECTIONS SECONDS`: what the auth-flood scenario runs beside its real client, in
 * its own process so the flood does not take the real client's load generator thread. Every request carries a
 * different invalid API key: half malformed (random text after `plk_`), half well-formed keys that were never issued
 * (an attacker who knows the format). Stops by itself after SECONDS and prints its figures as one JSON line.
 */
import { randomBytes } from 'node:crypto';
import autocannon, { type RawRequest } from 'autocannon';
import { generateSecret } from '../src/api-keys/secrets.ts';

const [url, path, connections, seconds] = process.argv.slice(2);
if (!url || !path || !connections || !seconds) {
  process.stderr.write('usage: node bench/flood.ts URL PATH CONNECTIONS SECONDS\n');
  process.exit(2);
}
// Loopback only: this is a load generator, never pointed at another machine.
if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/.test(url)) {
  process.stderr.write(`flood: refusing to flood ${url}: loopback addresses only\n`);
  process.exit(2);
}

let n = 0;
const instance = autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 10,
  requests: [
    {
      setupRequest: (request: RawRequest): RawRequest => {
        const key = n++ % 2 === 0 ? `plk_${randomBytes(38).toString('base64url')}` : generateSecret();
        return { ...request, method: 'GET', path, headers: { authorization: `Bearer ${key}` } };
      },
    },
  ],
});
process.once('SIGTERM', () => instance.stop());
const result = await instance;
const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]));
process.stdout.write(
  `${JSON.stringify({ requests: result.requests.total, requestsPerSecond: result.requests.total / result.duration, statusCodes, socketErrors: result.errors })}\n`,
);
