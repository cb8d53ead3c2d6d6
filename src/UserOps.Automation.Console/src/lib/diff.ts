export type DiffRow =
  | { kind: 'same'; left: string; right: string; leftNo: number; rightNo: number }
  | { kind: 'removed'; left: string; leftNo: number }
  | { kind: 'added'; right: string; rightNo: number }
  | { kind: 'changed'; left: string; right: string; leftNo: number; rightNo: number };

/**
 * A line diff by longest common subsequence, laid out side by side: a removed line next to an added one
 * becomes one "changed" row, so a reviewer reads the two versions line against line.
 */
export function diffLines(a: string, b: string): DiffRow[] {
  const left = a.split('\n');
  const right = b.split('\n');
  const n = left.length;
  const m = right.length;
  // lcs[i][j] = length of the LCS of left[i..] and right[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = left[i] === right[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const ops: DiffRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && left[i] === right[j]) {
      ops.push({ kind: 'same', left: left[i], right: right[j], leftNo: i + 1, rightNo: j + 1 });
      i++; j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.push({ kind: 'added', right: right[j], rightNo: j + 1 });
      j++;
    } else {
      ops.push({ kind: 'removed', left: left[i], leftNo: i + 1 });
      i++;
    }
  }
  return pairChanges(ops);
}

/** Pairs each run of removed lines with the run of added lines that follows it. */
function pairChanges(ops: DiffRow[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].kind !== 'removed' && ops[k].kind !== 'added') { rows.push(ops[k]); k++; continue; }
    const removed: Extract<DiffRow, { kind: 'removed' }>[] = [];
    const added: Extract<DiffRow, { kind: 'added' }>[] = [];
    while (k < ops.length && (ops[k].kind === 'removed' || ops[k].kind === 'added')) {
      const op = ops[k];
      if (op.kind === 'removed') removed.push(op); else if (op.kind === 'added') added.push(op);
      k++;
    }
    const pairs = Math.min(removed.length, added.length);
    for (let p = 0; p < pairs; p++) {
      rows.push({ kind: 'changed', left: removed[p].left, leftNo: removed[p].leftNo, right: added[p].right, rightNo: added[p].rightNo });
    }
    rows.push(...removed.slice(pairs), ...added.slice(pairs));
  }
  return rows;
}

export function diffStats(rows: DiffRow[]): { added: number; removed: number; changed: number } {
  return {
    added: rows.filter(r => r.kind === 'added').length,
    removed: rows.filter(r => r.kind === 'removed').length,
    changed: rows.filter(r => r.kind === 'changed').length,
  };
}
