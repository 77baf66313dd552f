/** A progress bar on stderr when it is a terminal; one line per step otherwise (CI logs). */
export class Progress {
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(
    private readonly total: number,
    private readonly label: string,
  ) {}

  update(done: number, detail: string): void {
    if (this.tty) {
      const width = 30;
      const filled = Math.round((done / this.total) * width);
      const columns = (process.stderr.columns ?? 100) - 1;
      const bar = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${this.total} ${detail}`;
      // padded to the terminal's width so a shorter line covers the one before
      process.stderr.write(`\r${bar.slice(0, columns).padEnd(columns)}`);
      if (done === this.total) process.stderr.write('\n');
    } else {
      process.stderr.write(`${this.label} ${done}/${this.total}: ${detail}\n`);
    }
  }
}
