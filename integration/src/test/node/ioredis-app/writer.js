// The application SidecarIoredisIT runs: real ioredis in Sentinel mode, configured as its README
// shows (sentinels + name, nothing Vigil-specific), writing SET <prefix>:<n> v<n> in a loop.
// One line per event on stdout, each with Date.now() so the test can order them:
//   CONNECT <host>:<port> <millis>      ioredis connected to the primary the sentinels named
//   ACK <n> <millis>                    SET <prefix>:<n> was acknowledged
//   ERR <n> <millis> <message>          SET <prefix>:<n> failed (the write is retried as n+1)
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
const redis = new Redis({
  sentinels,
  name,
  // A hung primary must fail writes rather than queue them for ever; the rest is ioredis' default.
  commandTimeout: 1000,
  maxRetriesPerRequest: 1,
});
redis.on('connect', () => {
  const s = redis.stream;
  out(`CONNECT ${s.remoteAddress}:${s.remotePort} ${Date.now()}`);
});
redis.on('error', (e) => out(`EVENT error ${Date.now()} ${e.message}`));
redis.on('reconnecting', (ms) => out(`EVENT reconnecting ${Date.now()} in ${ms} ms`));

let stopping = false;
function stop(why) {
  if (stopping) return;
  stopping = true;
  out(`STOP ${Date.now()} ${why}`);
  redis.disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.stdin.on('end', () => stop('stdin closed'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
setTimeout(() => stop(`ran ${maxRunMs} ms`), maxRunMs).unref();

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  for (let n = 0; !stopping; n++) {
    try {
      await redis.set(`${prefix}:${n}`, `v${n}`);
      out(`ACK ${n} ${Date.now()}`);
      await pause(5); // pacing, so the output stays small
    } catch (e) {
      out(`ERR ${n} ${Date.now()} ${String(e.message).replace(/\n/g, ' ')}`);
      await pause(50); // back-off before the next attempt
    }
  }
})();
