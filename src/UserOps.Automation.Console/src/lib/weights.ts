export interface Branch { port: string; weight: number }

/** Problems with a RandomSplit's branches and holdout: the host refuses the same things, this says it while typing. */
export function weightProblems(branches: Branch[], holdout: number | undefined): string[] {
  const problems: string[] = [];
  if (branches.length === 0) problems.push('Add at least one branch.');
  const seen = new Set<string>();
  branches.forEach((b, i) => {
    const port = b.port.trim();
    if (port === '') problems.push(`Branch ${i + 1} needs a port name.`);
    else if (seen.has(port)) problems.push(`Port '${port}' is used twice.`);
    seen.add(port);
    if (!Number.isFinite(b.weight) || b.weight <= 0) problems.push(`Branch '${port || i + 1}' needs a weight above 0.`);
  });
  const hold = holdout ?? 0;
  if (!Number.isFinite(hold) || hold < 0 || hold > 100) problems.push('Holdout must be between 0 and 100.');
  const total = branches.reduce((sum, b) => sum + (Number.isFinite(b.weight) ? b.weight : 0), 0) + (Number.isFinite(hold) ? hold : 0);
  if (Math.abs(total - 100) > 1e-9) problems.push(`Weights and holdout add up to ${round(total)}, not 100.`);
  return problems;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
