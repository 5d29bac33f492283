/**
 * Links from one module's page to what other modules hold about the same object (a structure's
 * findings on its registry page), without the first module depending on the others: each module
 * may give a provider (`HygieModule.relatedLinks`); pages ask `request.relatedLinks(object)`.
 */
import type { ServiceContext } from '../context.js';

/** The object a page shows. */
export interface RelatedObject {
  readonly type: 'structure';
  readonly id: string;
}

/** A link to another module's view of the object, with an optional count. */
export interface RelatedLink {
  readonly label: string;
  readonly href: string;
  readonly count?: number;
}

/** A module's links for an object; an empty list when the actor may not see that module's data. */
export type RelatedLinkProvider = (
  ctx: ServiceContext,
  object: RelatedObject,
) => Promise<readonly RelatedLink[]>;

/** Asks every provider; a failing provider is logged and left out, the page still renders. */
export async function collectRelatedLinks(
  providers: readonly RelatedLinkProvider[],
  ctx: ServiceContext,
  object: RelatedObject,
): Promise<RelatedLink[]> {
  const lists = await Promise.all(
    providers.map((provide) =>
      provide(ctx, object).catch((error: unknown) => {
        ctx.log.error({ err: error, object }, 'related links provider failed');
        return [];
      }),
    ),
  );
  return lists.flat();
}

/** The links as a small list under a heading; nothing when there is none. */
export function RelatedLinks(props: { title: string; links: readonly RelatedLink[] }): JSX.Element {
  if (props.links.length === 0) return <></>;
  return (
    <section class="mb-3" aria-labelledby="h-related">
      <h2 class="h5" id="h-related" safe>
        {props.title}
      </h2>
      <ul class="list-inline">
        {props.links.map((link) => (
          <li class="list-inline-item">
            <a href={link.href} safe>
              {link.count === undefined ? link.label : `${link.label} (${link.count})`}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
