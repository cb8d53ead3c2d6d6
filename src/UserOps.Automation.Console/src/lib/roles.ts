// Roles are hierarchical (viewer < editor < publisher < admin), as the host checks them. The console uses the same
// table to leave out controls an operator's role cannot use; the API refuses them anyway.

export type Role = 'viewer' | 'editor' | 'publisher' | 'admin';

export const roles: readonly Role[] = ['viewer', 'editor', 'publisher', 'admin'];

export const roleLabels: Record<Role, string> = {
  viewer: 'Viewer — reads everything',
  editor: 'Editor — designs and saves drafts, edits templates, segments and contacts',
  publisher: 'Publisher — also publishes and retires workflows, launches blasts, sends tests',
  admin: 'Admin — also manages operators, API keys and the audit log',
};

/** What the console lets an operator do, and the least role each needs (the host's endpoint rules). */
export const actions = {
  read: 'viewer',
  saveDraft: 'editor',
  editTemplates: 'editor',
  editSegments: 'editor',
  editContacts: 'editor',
  publish: 'publisher',
  retire: 'publisher',
  launch: 'publisher',
  enrol: 'publisher',
  deleteDraft: 'editor',
  deletePublished: 'publisher',
  testSend: 'publisher',
  manageOperators: 'admin',
  manageKeys: 'admin',
  readAudit: 'admin',
} as const satisfies Record<string, Role>;

export type Action = keyof typeof actions;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Whether `role` is at least `needed`; an unknown role may do nothing. */
export function atLeast(role: string | null | undefined, needed: Role): boolean {
  return isRole(role) && roles.indexOf(role) >= roles.indexOf(needed);
}

export function can(role: string | null | undefined, action: Action): boolean {
  return atLeast(role, actions[action]);
}
