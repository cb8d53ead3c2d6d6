import { describe, expect, it } from 'vitest';
import { weightProblems } from './weights';

describe('weightProblems', () => {
  it('accepts weights that add up to 100 with the holdout', () => {
    expect(weightProblems([{ port: 'Send', weight: 90 }], 10)).toEqual([]);
    expect(weightProblems([{ port: 'A', weight: 50 }, { port: 'B', weight: 50 }], undefined)).toEqual([]);
  });

  it('says what the total is when it is not 100', () => {
    expect(weightProblems([{ port: 'A', weight: 50 }, { port: 'B', weight: 40 }], 5)).toEqual(['Weights and holdout add up to 95, not 100.']);
  });

  it('refuses duplicate and empty ports and non-positive weights', () => {
    const problems = weightProblems([{ port: 'A', weight: 60 }, { port: 'A', weight: 40 }, { port: ' ', weight: 0 }], 0);
    expect(problems).toContain("Port 'A' is used twice.");
    expect(problems).toContain('Branch 3 needs a port name.');
    expect(problems).toContain("Branch '3' needs a weight above 0.");
  });

  it('refuses a holdout outside 0-100', () => {
    expect(weightProblems([{ port: 'A', weight: 120 }], -20)).toContain('Holdout must be between 0 and 100.');
  });
});
