/** Reading ASCII digits out of fixed-format date-time text, for the parsers on hot paths. */
const ZERO = 48;

/** The digit at `i` (no check). */
export const digitAt = (s: string, i: number) => s.charCodeAt(i) - ZERO;

/** The two-digit number at `i` (no check). */
export const twoDigitsAt = (s: string, i: number) => digitAt(s, i) * 10 + digitAt(s, i + 1);

/** Whether every character in [from, to) is a digit 0–9. */
export function allDigits(s: string, from: number, to = from + 1): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > ZERO + 9) return false;
  }
  return true;
}
