import { Type } from '@sinclair/typebox';

/** The body of every API error: catalogue code, message in the caller's language, details. */
export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Array(
      Type.Object({
        field: Type.Optional(Type.String()),
        line: Type.Optional(Type.Integer()),
        message: Type.String(),
      }),
    ),
  }),
});

/** Standard error responses to spread into a route's `response` schema. */
export const StandardErrors = {
  400: ErrorResponseSchema,
  401: ErrorResponseSchema,
  403: ErrorResponseSchema,
  404: ErrorResponseSchema,
  409: ErrorResponseSchema,
} as const;
