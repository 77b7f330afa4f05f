// Loaded into the soak's server process with `--import` (never part of the product): answers a `memory?`
// message on the IPC channel with the V8 heap in use after a full collection (`--expose-gc`), so a sample
// measures what the server keeps alive, not what it has yet to collect.

export interface MemoryReply {
  readonly type: 'memory';
  readonly heapUsed: number;
}

process.on('message', (message) => {
  if (message !== 'memory?') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.send?.({ type: 'memory', heapUsed: process.memoryUsage().heapUsed } satisfies MemoryReply);
});
// The channel must not keep the server alive once it has been told to stop.
process.channel?.unref();
