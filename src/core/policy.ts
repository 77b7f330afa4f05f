// Who may do what. One table, consulted by every use case; roles and sessions grow in a later issue.

export const ROLES = ['admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'agreement.write',
  'incident.write',
  'frontline.write',
  'source.write',
  'party.write',
  'token.create',
] as const;
export type Action = (typeof ACTIONS)[number];

/** Someone acting: a holder of an API token, or the system itself (CLI, demo loader). */
export type Actor =
  | { readonly kind: 'token'; readonly id: string; readonly name: string; readonly role: Role }
  | { readonly kind: 'system'; readonly name: string };

const ALLOWED: Readonly<Record<Role, readonly Action[]>> = {
  admin: ACTIONS,
};

export function can(actor: Actor | null, action: Action): boolean {
  if (actor === null) return false;
  if (actor.kind === 'system') return true;
  return ALLOWED[actor.role].includes(action);
}

/** How an actor is named in the audit log. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'token' ? `token:${actor.name}` : `system:${actor.name}`;
}
