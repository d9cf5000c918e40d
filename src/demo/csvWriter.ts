/** Streams CSV lines to a file with back-pressure, so generating never buffers a whole file. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export class CsvWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.buffer.push(header.join(';'));
  }

  async row(values: ReadonlyArray<string | number | null | undefined>): Promise<void> {
    this.buffer.push(values.map((v) => (v === null || v === undefined ? '' : String(v))).join(';'));
    this.rows++;
    if (this.buffer.length >= 4096) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
