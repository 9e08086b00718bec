// The application SidecarIoredisIT runs: real ioredis in Sentinel mode, configured as its README
// shows (sentinels + name, nothing Vigil-specific), with two clients each writing
// SET <prefix>:<writer>:<n> v<n> in a loop:
//   plain     ioredis' defaults: the primary is resolved again through the sentinels on reconnect
//   detector  failoverDetector: true, which also SUBSCRIBEs to +switch-master on the sentinels
// One line per event on stdout, each with Date.now() so the test can order them:
//   CONNECT <writer> <host>:<port> <millis>   connected to the primary the sentinels named
//   SUBSCRIBED <writer> <millis>              the failover detector subscribed on the sentinels
//   ACK <writer> <n> <millis>                 SET <prefix>:<writer>:<n> was acknowledged
//   ERR <writer> <n> <millis> <message>       it failed (the next attempt writes n+1)
// Environment: VIGIL_SENTINELS=host:port,host:port,... VIGIL_MASTER=mymaster VIGIL_PREFIX=io
// Stops on SIGTERM, when stdin closes (the test JVM went away), or after VIGIL_MAX_RUN_MS.
'use strict';
const Redis = require('ioredis');

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
const maxRunMs = Number(process.env.VIGIL_MAX_RUN_MS || 120000);

const out = (line) => process.stdout.write(`${line}\n`);
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

function startWriter(writer, extraOptions) {
  const redis = new Redis({
    sentinels,
    name,
    // A hung primary must fail writes rather than queue them for ever; the rest is ioredis' default.
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
  redis.on('error', (e) => out(`EVENT ${writer} error ${Date.now()} ${e.message}`));
  redis.on('sentinelError', (e) => out(`EVENT ${writer} sentinelError ${Date.now()} ${e.message}`));
  redis.on('reconnecting', (ms) => out(`EVENT ${writer} reconnecting ${Date.now()} in ${ms} ms`));
  (async () => {
    for (let n = 0; !stopping; n++) {
      try {
        await redis.set(`${prefix}:${writer}:${n}`, `v${n}`);
        out(`ACK ${writer} ${n} ${Date.now()}`);
        await pause(5); // pacing, so the output stays small
      } catch (e) {
        out(`ERR ${writer} ${n} ${Date.now()} ${String(e.message).replace(/\n/g, ' ')}`);
        await pause(50); // back-off before the next attempt
      }
    }
  })();
}

startWriter('plain', {});
startWriter('detector', { failoverDetector: true });
