// Progress for long work: a bar on a terminal, a line now and then elsewhere (logs, CI), nothing when quiet.

import { SingleBar, Presets } from 'cli-progress';

export interface Progress {
  /** Starts a phase of `total` steps (null when the total is not known in advance). */
  start(label: string, total: number | null): void;
  /** Sets how many steps are done. */
  update(done: number): void;
  stop(): void;
}

/** A progress reporter for the current process: a bar when stderr is a terminal, else a line every 10 %. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        stream,
        format: '{label} [{bar}] {percentage}% {value}/{total} {eta_formatted} left',
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    let label = '';
    return {
      start: (name, total) => {
        label = name;
        bar.start(total ?? 0, 0, { label });
      },
      update: (done) => {
        bar.update(done, { label });
      },
      stop: () => {
        bar.stop();
      },
    };
  }
  let label = '';
  let total: number | null = null;
  let lastTenth = -1;
  return {
    start: (name, steps) => {
      label = name;
      total = steps;
      lastTenth = -1;
    },
    update: (done) => {
      if (total === null || total === 0) return;
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        stream.write(`${label}: ${done}/${total} (${tenth * 10}%)\n`);
      }
    },
    stop: () => undefined,
  };
}

/** A reporter that says nothing, for tests and --quiet. */
export const silentProgress: Progress = {
  start: () => undefined,
  update: () => undefined,
  stop: () => undefined,
};
