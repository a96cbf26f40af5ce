// How a provisional number (`${terminalId}-yymmdd-nnnn`, the terminal id up to 80 characters) is
// set so it is always shown whole, on paper and on screen: its size follows its length, and when
// even the smallest legible size cannot hold it on one line it breaks only after a hyphen.

/** Width of one character of the number, in em, with room to spare (digits and capitals measure 0.6). */
export const NUMBER_EM_PER_CHAR = 0.64;

/** The number cut after each hyphen: each piece is kept whole, a line may end only between them. */
export function numberPieces(number: string): string[] {
  return number.match(/[^-]*-|[^-]+$/g) ?? [number];
}

/** The size at which `number` fits one line `width` long, held between `smallest` and `widest` (one unit for all three). */
export function numberSize(number: string, width: number, widest: number, smallest: number): number {
  return Math.max(smallest, Math.min(widest, width / (NUMBER_EM_PER_CHAR * Math.max(1, number.length))));
}
