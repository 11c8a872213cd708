import { z } from 'zod';
import { ErrorCode } from '../errors';

/** The contract's error envelope, for the OpenAPI document. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ErrorCode) as [keyof typeof ErrorCode, ...(keyof typeof ErrorCode)[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      request_id: z.string().meta({ example: 'req_7K2M9QW4XH8TZ1RB' }),
      documentation_url: z.string(),
    }),
  })
  .meta({ id: 'Error' });

export const SuccessResponse = z.object({ success: z.literal(true) });

export const IsoDateTime = z.string().meta({ format: 'date-time', example: '2026-11-23T12:00:00.000Z' });
