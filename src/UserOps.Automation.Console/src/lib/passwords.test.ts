import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwords';

describe('passwordProblem', () => {
  it('asks for the length, no user name, and the same password twice', () => {
    expect(passwordProblem('short', 'short', 'ed')).toMatch(/at least 12/);
    expect(passwordProblem('my-name-is-Olga!', 'my-name-is-Olga!', 'olga')).toMatch(/user name/);
    expect(passwordProblem('correct-horse-battery', 'correct-horse-batterz', 'ed')).toMatch(/differ/);
    expect(passwordProblem('correct-horse-battery', 'correct-horse-battery', 'pat')).toBeNull();
  });
});
