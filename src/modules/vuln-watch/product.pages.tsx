import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HygieError } from '../../lib/errors.js';
import { CsrfField } from '../../platform/http/layout.js';
import type { HttpApp } from '../../platform/http/server.js';
import { defineMessages, translator } from '../../platform/i18n/i18n.js';
import { getStructure } from '../registry/index.js';
import { StructureIdParamsSchema } from './product.schemas.js';
import {
  PRODUCT_CATEGORIES,
  addProduct,
  declareDeployment,
  listCatalogue,
  listStructureDeployments,
  removeDeployment,
} from './product.service.js';
import { canDeclareDeployment, canManageProducts } from './vuln-watch.policy.js';
import { TableHead } from '../../platform/http/table-head.js';

const messages = defineMessages({
  catalogue: { fr: 'Catalogue de produits', en: 'Product catalogue' },
  intro: {
    fr: 'Les produits que le CERT surveille : éditeur et produit au sens CPE (par exemple fortinet / fortios), nom affiché, catégorie.',
    en: 'The products the CERT watches: CPE vendor and product (e.g. fortinet / fortios), display name, category.',
  },
  vendor: { fr: 'Éditeur (CPE)', en: 'Vendor (CPE)' },
  product: { fr: 'Produit (CPE)', en: 'Product (CPE)' },
  displayName: { fr: 'Nom affiché', en: 'Display name' },
  category: { fr: 'Catégorie', en: 'Category' },
  add: { fr: 'Ajouter au catalogue', en: 'Add to the catalogue' },
  none: { fr: 'Le catalogue est vide.', en: 'The catalogue is empty.' },
  deployed: { fr: 'Produits déployés', en: 'Deployed products' },
  deployedIntro: {
    fr: 'Les produits que cette structure utilise : ses alertes de vulnérabilités en dépendent.',
    en: 'The products this structure runs: its vulnerability alerts depend on them.',
  },
  version: { fr: 'Version', en: 'Version' },
  unknownVersion: { fr: 'non précisée', en: 'not given' },
  declaredBy: { fr: 'Déclaré par', en: 'Declared by' },
  declare: { fr: 'Déclarer', en: 'Declare' },
  remove: { fr: 'Retirer', en: 'Remove' },
  noDeployment: { fr: 'Aucun produit déclaré.', en: 'No product declared.' },
  choose: { fr: 'Choisir un produit', en: 'Choose a product' },
});

const ProductFormSchema = Type.Object({
  vendor: Type.Optional(Type.String({ maxLength: 200 })),
  product: Type.Optional(Type.String({ maxLength: 200 })),
  displayName: Type.Optional(Type.String({ maxLength: 300 })),
  category: Type.Optional(Type.String({ maxLength: 60 })),
  _csrf: Type.Optional(Type.String()),
});

const DeploymentFormSchema = Type.Object({
  productId: Type.String({ maxLength: 100 }),
  version: Type.Optional(Type.String({ maxLength: 200 })),
  _csrf: Type.Optional(Type.String()),
});

function ErrorAlert({
  request,
  error,
}: {
  request: FastifyRequest;
  error: HygieError | undefined;
}): JSX.Element {
  if (!error) return <></>;
  return (
    <div class="alert alert-danger" role="alert" safe>
      {error.messageIn(request.lang)}
    </div>
  );
}

async function renderCatalogue(
  request: FastifyRequest,
  reply: FastifyReply,
  error?: HygieError,
): Promise<FastifyReply> {
  const t = translator(request.lang, messages);
  const products = await listCatalogue(request.ctx);
  return reply.page(
    t('catalogue'),
    <>
      <h1 safe>{t('catalogue')}</h1>
      <p class="text-body-secondary" safe>
        {t('intro')}
      </p>
      <ErrorAlert request={request} error={error} />
      {products.length === 0 ? (
        <p safe>{t('none')}</p>
      ) : (
        <table class="table table-sm table-striped align-middle">
          <TableHead columns={[t('displayName'), t('vendor'), t('product'), t('category')]} />
          <tbody>
            {products.map((p) => (
              <tr>
                <td safe>{p.displayName}</td>
                <td>
                  <code safe>{p.vendor}</code>
                </td>
                <td>
                  <code safe>{p.product}</code>
                </td>
                <td>{p.category}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManageProducts(request.ctx.actor) ? (
        <form method="post" action="/products" class="row g-2 align-items-end">
          <CsrfField token={request.csrfToken} />
          <div class="col-md-2">
            <label class="form-label" for="p-vendor" safe>
              {t('vendor')}
            </label>
            <input class="form-control" id="p-vendor" name="vendor" required />
          </div>
          <div class="col-md-3">
            <label class="form-label" for="p-product" safe>
              {t('product')}
            </label>
            <input class="form-control" id="p-product" name="product" required />
          </div>
          <div class="col-md-3">
            <label class="form-label" for="p-name" safe>
              {t('displayName')}
            </label>
            <input class="form-control" id="p-name" name="displayName" />
          </div>
          <div class="col-md-2">
            <label class="form-label" for="p-category" safe>
              {t('category')}
            </label>
            <select class="form-select" id="p-category" name="category">
              {PRODUCT_CATEGORIES.map((c) => (
                <option value={c}>{c}</option>
              ))}
            </select>
          </div>
          <div class="col-md-2">
            <button type="submit" class="btn btn-primary" safe>
              {t('add')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
    </>,
    error ? error.status : 200,
  );
}

async function renderDeployments(
  request: FastifyRequest,
  reply: FastifyReply,
  structureId: string,
  error?: HygieError,
): Promise<FastifyReply> {
  const t = translator(request.lang, messages);
  const structure = await getStructure(request.ctx, structureId);
  const deployments = await listStructureDeployments(request.ctx, structure.id);
  const canDeclare = canDeclareDeployment(request.ctx.actor, structure.id);
  const products = canDeclare ? await listCatalogue(request.ctx) : [];
  const base = `/structures/${encodeURIComponent(structure.id)}`;
  return reply.page(
    `${t('deployed')} · ${structure.name}`,
    <>
      <h1 safe>{t('deployed')}</h1>
      <p>
        <a href={base} safe>
          {structure.name}
        </a>
      </p>
      <p class="text-body-secondary" safe>
        {t('deployedIntro')}
      </p>
      <ErrorAlert request={request} error={error} />
      {deployments.length === 0 ? (
        <p safe>{t('noDeployment')}</p>
      ) : (
        <table class="table table-sm table-striped align-middle">
          <TableHead
            columns={[t('displayName'), t('version'), t('declaredBy'), ...(canDeclare ? [t('remove')] : [])]}
          />
          <tbody>
            {deployments.map((d) => (
              <tr>
                <td safe>{d.product.displayName}</td>
                <td safe>{d.version ?? t('unknownVersion')}</td>
                <td>{d.declaredBy}</td>
                {canDeclare ? (
                  <td>
                    <form method="post" action={`${base}/products/remove`}>
                      <CsrfField token={request.csrfToken} />
                      <input type="hidden" name="productId" value={d.productId} />
                      <input type="hidden" name="version" value={d.version ?? ''} />
                      <button type="submit" class="btn btn-sm btn-outline-danger" safe>
                        {t('remove')}
                      </button>
                    </form>
                  </td>
                ) : (
                  ''
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canDeclare && products.length > 0 ? (
        <form method="post" action={`${base}/products`} class="row g-2 align-items-end">
          <CsrfField token={request.csrfToken} />
          <div class="col-md-5">
            <label class="form-label" for="d-product" safe>
              {t('product')}
            </label>
            <select class="form-select" id="d-product" name="productId" required>
              <option value="" safe>
                {t('choose')}
              </option>
              {products.map((p) => (
                <option value={p.id} safe>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
          <div class="col-md-3">
            <label class="form-label" for="d-version" safe>
              {t('version')}
            </label>
            <input class="form-control" id="d-version" name="version" />
          </div>
          <div class="col-md-2">
            <button type="submit" class="btn btn-primary" safe>
              {t('declare')}
            </button>
          </div>
        </form>
      ) : (
        ''
      )}
    </>,
    error ? error.status : 200,
  );
}

async function formAction(
  run: () => Promise<unknown>,
  onError: (error: HygieError) => Promise<FastifyReply>,
  onDone: () => FastifyReply,
): Promise<FastifyReply> {
  try {
    await run();
  } catch (error) {
    if (
      error instanceof HygieError &&
      error.status >= 400 &&
      error.status < 500 &&
      error.status !== 401 &&
      error.status !== 403 &&
      error.code !== 'COMMON_NOT_FOUND'
    )
      return onError(error);
    throw error;
  }
  return onDone();
}

/** `/products` (the catalogue) and `/structures/:id/products` (what a structure runs). */
export function registerProductPages(app: HttpApp): void {
  app.get('/products', { schema: { hide: true } }, async (request, reply) => renderCatalogue(request, reply));
  app.post('/products', { schema: { hide: true, body: ProductFormSchema } }, async (request, reply) =>
    formAction(
      () => addProduct(request.ctx, request.body),
      (error) => renderCatalogue(request, reply, error),
      () => reply.redirect('/products', 303),
    ),
  );
  app.get(
    '/structures/:id/products',
    { schema: { hide: true, params: StructureIdParamsSchema } },
    async (request, reply) => renderDeployments(request, reply, request.params.id),
  );
  app.post(
    '/structures/:id/products',
    { schema: { hide: true, params: StructureIdParamsSchema, body: DeploymentFormSchema } },
    async (request, reply) =>
      formAction(
        () =>
          declareDeployment(request.ctx, request.params.id, {
            productId: request.body.productId,
            version: request.body.version ?? null,
          }),
        (error) => renderDeployments(request, reply, request.params.id, error),
        () => reply.redirect(`/structures/${encodeURIComponent(request.params.id)}/products`, 303),
      ),
  );
  app.post(
    '/structures/:id/products/remove',
    { schema: { hide: true, params: StructureIdParamsSchema, body: DeploymentFormSchema } },
    async (request, reply) =>
      formAction(
        () =>
          removeDeployment(
            request.ctx,
            request.params.id,
            request.body.productId,
            request.body.version ?? '',
          ),
        (error) => renderDeployments(request, reply, request.params.id, error),
        () => reply.redirect(`/structures/${encodeURIComponent(request.params.id)}/products`, 303),
      ),
  );
}
