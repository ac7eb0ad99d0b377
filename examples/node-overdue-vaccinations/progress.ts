// Progress on stderr, so stdout carries only the CSV. On a terminal one line redrawn in place
// (a bar when the total is known); elsewhere (a log file, CI) a plain line now and then.

export interface Progress {
  /** The number of patients found so far (the total once paging is done, or from the server). */
  total(n: number | undefined): void;
  /** One more patient done (`failed` when its history could not be read). */
  tick(failed: boolean): void;
  /** The last line. */
  done(): void;
}

const WIDTH = 24;

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  let total: number | undefined;
  let done = 0;
  let failed = 0;
  let lastPlain = 0;

  const line = (): string => {
    const count = total === undefined ? `${done} patients` : `${done}/${total} patients`;
    const failures = failed ? `, ${failed} failed` : '';
    if (!tty || !total) return `${count}${failures}`;
    const filled = Math.round((WIDTH * done) / total);
    return `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${count}${failures}`;
  };
  const draw = (final = false): void => {
    if (tty) {
      stream.write(`\r\u001b[2K${line()}${final ? '\n' : ''}`);
      return;
    }
    // About every tenth of the way (every 25 patients when the total is unknown), and at the end
    // (unless that line was just written).
    const step = total ? Math.max(1, Math.ceil(total / 10)) : 25;
    if ((final && done !== lastPlain) || done - lastPlain >= step) {
      lastPlain = done;
      stream.write(`${line()}\n`);
    }
  };

  return {
    total(n) {
      total = n;
      if (tty) draw();
    },
    tick(didFail) {
      done += 1;
      if (didFail) failed += 1;
      draw();
    },
    done() {
      draw(true);
    },
  };
}
