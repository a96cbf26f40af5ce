// What every benchmark module exports, and how it reports. A benchmark prints its figures as
// `bench: NAME VALUE` lines (other tools parse these: keep names stable) and may add human
// notes, which are printed as `# …` lines and never parsed.

export interface BenchContext {
  /** Prints `bench: NAME VALUE`. `name` must be one of the module's declared `metrics`. */
  report(name: string, value: number, decimals?: number): void;
  /** Prints a human-readable `# …` line (context, sanity checks, secondary figures). */
  note(text: string): void;
  /**
   * Prints the figure beside the floor that bounds it, measured in the same run, and their ratio
   * (issue 16): `# floor: FIGURE VALUE vs FLOOR VALUE → ratio R`, so a reader sees how far from its
   * limit a figure is, whatever the machine.
   */
  floor(figure: string, value: number, floor: string, floorValue: number): void;
}

export interface Benchmark {
  /** Short module id, selectable on the command line like any of its metric names. */
  readonly id: string;
  /** Every `bench:` name this module may print. */
  readonly metrics: readonly string[];
  readonly description: string;
  run(ctx: BenchContext): Promise<void>;
}
