/**
 * A read-only table from words to small flag values (1..15), in a form that costs nothing to load.
 *
 * A `Set` or `Map` of ten thousand names costs milliseconds to build at every start (one string
 * and one hash insertion per word). This table is an open-addressing hash table whose layout is
 * computed once, at build time (scripts/esbuild-data.mjs writes it into the bundle as three
 * literals); loading it is parsing those literals, with no per-word work. Layout:
 * - `records`: the occupied slots in slot order, each the word followed by one flag character
 *   (`'0' + flags`, so `'1'..'?'`); empty slots take no room;
 * - `lens`: one character per slot, `' ' + record length` (`' '` for an empty slot);
 * - `anchors`: the offset in `records` of every `ANCHOR_EVERY`-th slot, so that a slot's offset is
 *   an anchor plus at most `ANCHOR_EVERY - 1` lengths.
 * Lookups hash the word (FNV-1a over UTF-16 code units) and probe linearly.
 * Pure TypeScript: no Node built-ins (the analysis engine runs wherever JavaScript does).
 */

/** One anchor per this many slots (a power of two). */
const ANCHOR_SHIFT = 3;
const ANCHOR_EVERY = 1 << ANCHOR_SHIFT;
/** Code of the length character of an empty slot; a record of length n has `LEN_BASE + n`. */
const LEN_BASE = 32;
/** Code of the flag character for flags 0 (never stored: stored flags are 1..15). */
const FLAG_BASE = 48;
/** Answers remembered per table (see WordTable.memo). */
const MEMO_SIZE = 20000;
/** Longest word the table holds (its record length must stay a printable ASCII character). */
export const MAX_WORD_LENGTH = 126 - LEN_BASE - 1;

/** FNV-1a over the UTF-16 code units of `w`, as an unsigned 32-bit integer. */
export function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class WordTable {
  private readonly mask: number;

  /** The three literals written by `encode` (see the file comment); `size` is the number of words. */
  constructor(
    private readonly records: string,
    private readonly lens: string,
    private readonly anchors: readonly number[],
    readonly size: number,
  ) {
    this.mask = lens.length - 1;
  }

  /**
   * Answers already given, by word: the engine asks about the same (interned) words again and
   * again, and a Map lookup of a string whose hash V8 has cached beats hashing and probing here.
   * Bounded: cleared when full.
   */
  private readonly memo = new Map<string, number>();

  /** The flags stored for `word`, or 0 when the table does not hold it. */
  get(word: string): number {
    const known = this.memo.get(word);
    if (known !== undefined) return known;
    const flags = this.lookup(word);
    if (this.memo.size >= MEMO_SIZE) this.memo.clear();
    this.memo.set(word, flags);
    return flags;
  }

  /** `get` without the memo: hash, then probe the table. */
  lookup(word: string): number {
    const n = word.length;
    if (n === 0 || n > MAX_WORD_LENGTH) return 0;
    const lens = this.lens, mask = this.mask;
    let s = wordHash(word) & mask;
    // offset of slot s: its anchor plus the lengths of the slots before it in its group
    let at = this.anchors[s >>> ANCHOR_SHIFT];
    for (let j = s & ~(ANCHOR_EVERY - 1); j < s; j++) at += lens.charCodeAt(j) - LEN_BASE;
    for (;;) {
      const len = lens.charCodeAt(s) - LEN_BASE;
      if (len === 0) return 0;
      if (len === n + 1 && this.records.startsWith(word, at)) return this.records.charCodeAt(at + n) - FLAG_BASE;
      at += len;
      s++;
      if (s > mask) { s = 0; at = 0; }
    }
  }

  has(word: string): boolean {
    return this.get(word) !== 0;
  }

  /** Every word and its flags, in slot order (for tests and the build step). */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    let at = 0;
    for (let s = 0; s < this.lens.length; s++) {
      const len = this.lens.charCodeAt(s) - LEN_BASE;
      if (len) out.push([this.records.slice(at, at + len - 1), this.records.charCodeAt(at + len - 1) - FLAG_BASE]);
      at += len;
    }
    return out;
  }

  /** The constructor arguments that rebuild this table (what the build step writes into a bundle). */
  encoded(): { records: string; lens: string; anchors: number[]; size: number } {
    return { records: this.records, lens: this.lens, anchors: [...this.anchors], size: this.size };
  }

  /**
   * A table of `words` (word -> flags 1..15). Insertion follows the map's order, so the same map
   * always gives the same layout. Throws on a word the table cannot hold.
   */
  static build(words: ReadonlyMap<string, number>): WordTable {
    // at most about 60% full: short probe runs
    let slots = ANCHOR_EVERY;
    while (slots * 0.6 < words.size) slots *= 2;
    const mask = slots - 1;
    const bySlot: (string | undefined)[] = new Array(slots);
    const flagsOf: number[] = new Array(slots).fill(0);
    for (const [w, f] of words) {
      if (!w.length || w.length > MAX_WORD_LENGTH) throw new Error(`WordTable: "${w}" is empty or longer than ${MAX_WORD_LENGTH} characters.`);
      if (!Number.isInteger(f) || f < 1 || f > 15) throw new Error(`WordTable: the flags of "${w}" (${f}) are not in 1..15.`);
      let s = wordHash(w) & mask;
      while (bySlot[s] !== undefined) s = (s + 1) & mask;
      bySlot[s] = w;
      flagsOf[s] = f;
    }
    const records: string[] = [];
    const lens: string[] = [];
    const anchors: number[] = [];
    let at = 0;
    for (let s = 0; s < slots; s++) {
      if ((s & (ANCHOR_EVERY - 1)) === 0) anchors.push(at);
      const w = bySlot[s];
      if (w === undefined) { lens.push(String.fromCharCode(LEN_BASE)); continue; }
      records.push(w, String.fromCharCode(FLAG_BASE + flagsOf[s]));
      lens.push(String.fromCharCode(LEN_BASE + w.length + 1));
      at += w.length + 1;
    }
    return new WordTable(records.join(''), lens.join(''), anchors, words.size);
  }
}
