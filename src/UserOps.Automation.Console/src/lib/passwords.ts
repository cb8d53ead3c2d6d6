/** The host's shortest accepted password (Operators:MinPasswordLength default); the host checks again with its own setting. */
export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password before it is sent, or null. */
export function passwordProblem(password: string, repeat: string, userName: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (userName && password.toLowerCase().includes(userName.toLowerCase())) return 'The password must not contain your user name.';
  if (password !== repeat) return 'The two new passwords differ.';
  return null;
}
