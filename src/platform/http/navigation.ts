import type { Actor, Role } from '../auth/actor.js';
import type { Text } from '../i18n/i18n.js';

/** One entry of the header navigation, contributed by a module. */
export interface NavItem {
  readonly href: string;
  readonly label: Text;
  /** Who sees the entry: anyone, any logged-in user, or the listed roles. */
  readonly audience: 'public' | 'authenticated' | readonly Role[];
  readonly order: number;
}

/** The entries an actor sees, in order. Showing a link is a convenience, not an authorisation. */
export function visibleNav(items: readonly NavItem[], actor: Actor): NavItem[] {
  return items
    .filter((item) => {
      if (item.audience === 'public') return true;
      if (actor.kind !== 'user') return false;
      if (item.audience === 'authenticated') return true;
      return item.audience.includes(actor.role);
    })
    .sort((a, b) => a.order - b.order);
}
