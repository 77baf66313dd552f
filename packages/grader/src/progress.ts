/** A progress bar on stderr when it is a terminal; one line per step otherwise (CI logs). */
export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly total: number, private readonly label: string) {}

  update(done: number, detail: string): void {
    if (this.tty) {
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${detail}`.slice(0, (process.stderr.columns ?? 100) - 1).padEnd((process.stderr.columns ?? 100) - 1));
      if (done === this.total) process.stderr.write('\n');
    } else {
      process.stderr.write(`${this.label} ${done}/${this.total}: ${detail}\n`);
    }
  }
}
