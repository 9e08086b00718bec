// The application SidecarIoredisIT runs: real ioredis in Sentinel mode, configured as its README
// shows (sentinels + name, nothing Vigil-specific), with one writer per client below, each writing
// SET <prefix>:<writer>:<n> v<n> every 10 ms:
//   v6-plain     ioredis 6.1 with failoverDetector: false (the default): after the primary's
//                connection closes, the primary is resolved again through the sentinels
//   v6-detector  ioredis 6.1 with failoverDetector: true, which also SUBSCRIBEs to +switch-master
//                on every sentinel and reconnects when one arrives
//   v5-plain     ioredis 5.11 (the last line for Node < 20) with failoverDetector: false
// ioredis 5.x is not run with failoverDetector: true: a +switch-master that arrives while the
// client is resolving the primary through the sentinels ends that client for good ("Connection is
// closed.", status end), against any sentinel; ioredis 6.1.0 fixed it (docs/clients.md).
// Both retry strategies are 100 ms (ioredis' default grows to 2 s), so a failover costs what the
// sentinels take, not the client's back-off.
//
// One line per event on stdout, each with Date.now() so the test can order them:
//   CONNECT <writer> <host>:<port> <millis>   connected to the primary the sentinels named
//   SUBSCRIBED <writer> <millis>              the failover detector subscribed on the sentinels
//   ACK <writer> <n> <millis>                 SET <prefix>:<writer>:<n> was acknowledged
//   ERR <writer> <n> <millis> <message>       it failed (the next attempt writes n+1)
//   END <writer> <millis>                     the client closed for good (it will not reconnect)
//   START node <version> ioredis <version> ioredis5 <version>   first line, for the test's log
// Environment: VIGIL_SENTINELS=host:port,host:port,... VIGIL_MASTER=mymaster VIGIL_PREFIX=io
// Stops on SIGTERM, when stdin closes (the test JVM went away), or after VIGIL_MAX_RUN_MS.
'use strict';
const clientsByVersion = { v6: require('ioredis'), v5: require('ioredis5') };
const versionOf = (pkg) => require(`${pkg}/package.json`).version;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`missing environment variable ${name}`);
    process.exit(2);
  }
  return value;
}

const sentinels = required('VIGIL_SENTINELS').split(',').map((hostPort) => {
  const at = hostPort.lastIndexOf(':');
  const port = Number(hostPort.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port)) {
    console.error(`bad sentinel address '${hostPort}', expected host:port`);
    process.exit(2);
  }
  return { host: hostPort.slice(0, at), port };
});
const name = required('VIGIL_MASTER');
const prefix = process.env.VIGIL_PREFIX || 'io';
const maxRunMs = Number(process.env.VIGIL_MAX_RUN_MS || 300000);

const out = (line) => process.stdout.write(`${line}\n`);
out(`START node ${process.version} ioredis ${versionOf('ioredis')} ioredis5 ${versionOf('ioredis5')}`);
const clients = [];
let stopping = false;

function stop(why) {
  if (stopping) return;
  stopping = true;
  out(`STOP ${Date.now()} ${why}`);
  clients.forEach((c) => c.disconnect());
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
setTimeout(() => stop(`ran ${maxRunMs} ms`), maxRunMs).unref();

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startWriter(writer, Redis, extraOptions) {
  const redis = new Redis({
    sentinels,
    name,
    sentinelRetryStrategy: () => 100,
    retryStrategy: () => 100,
    // A hung primary must fail writes rather than queue them for ever.
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
    ...extraOptions,
  });
  clients.push(redis);
  redis.on('connect', () => {
    const s = redis.stream;
    out(`CONNECT ${writer} ${s.remoteAddress}:${s.remotePort} ${Date.now()}`);
  });
  redis.on('failoverSubscribed', () => out(`SUBSCRIBED ${writer} ${Date.now()}`));
  redis.on('end', () => out(`END ${writer} ${Date.now()}`));
  redis.on('error', (e) => out(`EVENT ${writer} error ${Date.now()} ${e.message}`));
  redis.on('sentinelError', (e) => out(`EVENT ${writer} sentinelError ${Date.now()} ${e.message}`));
  (async () => {
    for (let n = 0; !stopping; n++) {
      try {
        await redis.set(`${prefix}:${writer}:${n}`, `v${n}`);
        out(`ACK ${writer} ${n} ${Date.now()}`);
        await pause(10);
      } catch (e) {
        out(`ERR ${writer} ${n} ${Date.now()} ${String(e.message).replace(/\n/g, ' ')}`);
        await pause(20);
      }
    }
  })();
}

startWriter('v6-plain', clientsByVersion.v6, {});
startWriter('v6-detector', clientsByVersion.v6, { failoverDetector: true });
startWriter('v5-plain', clientsByVersion.v5, {});
