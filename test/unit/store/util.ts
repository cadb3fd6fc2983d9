export { prng as rng } from '../../support/prng';
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: () => number, n: number): number => Math.floor(r() * n);
