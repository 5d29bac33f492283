import { StandardErrors } from '../../platform/http/api-schemas.js';
import type { HttpApp } from '../../platform/http/server.js';
import {
  DeploymentDeleteQuerySchema,
  DeploymentDeletedSchema,
  DeploymentInputSchema,
  DeploymentListSchema,
  DeploymentSchema,
  ProductIdParamsSchema,
  ProductInputSchema,
  ProductListSchema,
  ProductPatchSchema,
  ProductSchema,
  StructureIdParamsSchema,
} from './product.schemas.js';
import {
  addProduct,
  declareDeployment,
  editProduct,
  getCatalogueProduct,
  listCatalogue,
  listStructureDeployments,
  removeDeployment,
} from './product.service.js';

/** JSON API of the product catalogue and of deployments at structures. */
export function registerProductRoutes(app: HttpApp): void {
  const tags = ['products'];
  app.get(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'The product catalogue (any logged-in user)',
        response: { 200: ProductListSchema, ...StandardErrors },
      },
    },
    async (request) => ({ items: await listCatalogue(request.ctx) }),
  );
  app.post(
    '/api/v1/products',
    {
      schema: {
        tags,
        summary: 'Add a product to the catalogue (admin, analyst)',
        body: ProductInputSchema,
        response: { 201: ProductSchema, ...StandardErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await addProduct(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        summary: 'One product of the catalogue',
        params: ProductIdParamsSchema,
        response: { 200: ProductSchema, ...StandardErrors },
      },
    },
    async (request) => getCatalogueProduct(request.ctx, request.params.id),
  );
  app.patch(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        summary: 'Change a product (admin, analyst)',
        params: ProductIdParamsSchema,
        body: ProductPatchSchema,
        response: { 200: ProductSchema, ...StandardErrors },
      },
    },
    async (request) => editProduct(request.ctx, request.params.id, request.body),
  );

  const deploymentTags = ['deployments'];
  app.get(
    '/api/v1/structures/:id/deployments',
    {
      schema: {
        tags: deploymentTags,
        summary: 'Products deployed at a structure (CERT staff, the structure)',
        params: StructureIdParamsSchema,
        response: { 200: DeploymentListSchema, ...StandardErrors },
      },
    },
    async (request) => ({ items: await listStructureDeployments(request.ctx, request.params.id) }),
  );
  app.post(
    '/api/v1/structures/:id/deployments',
    {
      schema: {
        tags: deploymentTags,
        summary: 'Declare that a structure runs a product, in a version when known (analysts, the structure)',
        params: StructureIdParamsSchema,
        body: DeploymentInputSchema,
        response: { 201: DeploymentSchema, ...StandardErrors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await declareDeployment(request.ctx, request.params.id, request.body)),
  );
  app.delete(
    '/api/v1/structures/:id/deployments',
    {
      schema: {
        tags: deploymentTags,
        summary: 'Withdraw a declared product (one version, or all its versions without `version`)',
        params: StructureIdParamsSchema,
        querystring: DeploymentDeleteQuerySchema,
        response: { 200: DeploymentDeletedSchema, ...StandardErrors },
      },
    },
    async (request) => ({
      removed: await removeDeployment(
        request.ctx,
        request.params.id,
        request.query.productId,
        request.query.version,
      ),
    }),
  );
}
