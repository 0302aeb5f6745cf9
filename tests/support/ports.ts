import net from 'node:net';

// Ports come from a block per test worker below Linux's ephemeral range (32768+). Asking the OS for
// port 0 and closing the probe races: between the probe and the real listen, another worker's
// listen(0) or an outgoing connection can take the same number (CI saw EADDRINUSE that way). Workers
// run their files one after another, so within a block only stale listeners can collide, and the
// probe skips those.
// TEST_PORT_BASE moves the blocks, so two checkouts can run their suites side by side.
const FIRST_PORT = Number(process.env.TEST_PORT_BASE ?? 20_000);
const PORTS_PER_WORKER = 500;
const WORKER_SLOTS = 24;

// Vitest numbers its workers from 1; the main process (global setup) takes block 0.
const worker = Number(process.env.VITEST_POOL_ID ?? 0) % WORKER_SLOTS;
// Start somewhere in the block so files that follow each other in one worker rarely reuse a port
// a previous file has only just released.
let offset = Math.floor(Math.random() * PORTS_PER_WORKER);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/** A port nothing listens on right now and no other test worker will be handed. */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < PORTS_PER_WORKER; tries++) {
    const port = FIRST_PORT + worker * PORTS_PER_WORKER + (offset++ % PORTS_PER_WORKER);
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port in test worker ${worker}'s block`);
}
