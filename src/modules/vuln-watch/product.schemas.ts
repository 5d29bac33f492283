/** TypeBox schemas of the product catalogue and deployment API. */
import { Type } from '@sinclair/typebox';

/** An id in a path. */
export const ProductIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** A structure id in a path. */
export const StructureIdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/** A product of the catalogue. */
export const ProductSchema = Type.Object({
  id: Type.String(),
  vendor: Type.String(),
  product: Type.String(),
  displayName: Type.String(),
  category: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

/** The catalogue. */
export const ProductListSchema = Type.Object({ items: Type.Array(ProductSchema) });

/** A new product. */
export const ProductInputSchema = Type.Object({
  vendor: Type.String({ minLength: 1, maxLength: 100 }),
  product: Type.String({ minLength: 1, maxLength: 100 }),
  displayName: Type.Optional(Type.String({ maxLength: 200 })),
  category: Type.Optional(Type.String({ maxLength: 40 })),
});

/** Changes of a product. */
export const ProductPatchSchema = Type.Partial(ProductInputSchema);

/** A product deployed at a structure. */
export const DeploymentSchema = Type.Object({
  id: Type.String(),
  structureId: Type.String(),
  productId: Type.String(),
  version: Type.Union([Type.String(), Type.Null()]),
  declaredBy: Type.String(),
  createdAt: Type.String(),
  product: ProductSchema,
});

/** A structure's deployments. */
export const DeploymentListSchema = Type.Object({ items: Type.Array(DeploymentSchema) });

/** A declaration. */
export const DeploymentInputSchema = Type.Object({
  productId: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
});

/** What to withdraw: a product, one of its versions or (without `version`) all of them. */
export const DeploymentDeleteQuerySchema = Type.Object({
  productId: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.Optional(Type.String({ maxLength: 100 })),
});

/** How many declarations were withdrawn. */
export const DeploymentDeletedSchema = Type.Object({ removed: Type.Integer() });
