// Write to a stream and wait until it is flushed (pipes are asynchronous in Node).
// EPIPE means the reader left (`kexplore check | head`): what it wanted was written, so
// that is not an error and the exit code stays the one the findings give.
const isEpipe = (err: unknown): boolean => (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';

export function writeAll(stream: NodeJS.WritableStream, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(data, (err) => (err && !isEpipe(err) ? reject(err) : resolve()));
  });
}

/** Without a listener, an EPIPE on stdout is an unhandled 'error' event that crashes Node. */
export function ignoreClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on('error', (err) => {
    if (!isEpipe(err)) throw err;
  });
}
