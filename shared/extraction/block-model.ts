import { z } from 'zod';
import { parseDocument } from '../parse-document';
import shippedModel from './block-model.json' with { type: 'json' };
import { BLOCK_MODEL_FEATURES, type BlockFeatureVector } from './block-model-features';

// A learned block classifier: logistic regression over the features of block-model-features.ts,
// trained offline by scripts/train-block-model.ts on the developer pages' ground truth and shipped
// as data (block-model.json). It says how likely a block of a page is part of the page's main text.

/** Where a model came from, so a reader of the JSON file can reproduce it. */
export const BlockModelProvenanceSchema = z.object({
  data: z.string().min(1),
  command: z.string().min(1),
  pages: z.number().int().nonnegative(),
  blocks: z.number().int().nonnegative(),
  heldOut: z.string(),
});

/** The shipped model file. Feature names must match the code's, in order. */
export const BlockModelSchema = z
  .object({
    about: z.string(),
    kind: z.literal('logistic-regression'),
    trainedOn: BlockModelProvenanceSchema,
    features: z.array(z.string()),
    means: z.array(z.number().finite()),
    scales: z.array(z.number().finite().positive()),
    weights: z.array(z.number().finite()),
    bias: z.number().finite(),
  })
  .superRefine((model, context) => {
    const expected = BLOCK_MODEL_FEATURES.length;
    if (model.features.length !== expected || model.features.some((name, at) => name !== BLOCK_MODEL_FEATURES[at])) {
      context.addIssue({ code: 'custom', path: ['features'], message: `features must be exactly ${BLOCK_MODEL_FEATURES.join(', ')}` });
    }
    for (const key of ['means', 'scales', 'weights'] as const) {
      if (model[key].length !== expected) context.addIssue({ code: 'custom', path: [key], message: `${key} must have ${expected} numbers` });
    }
  });
export type BlockModel = z.infer<typeof BlockModelSchema>;

/** Validates a model document; throws InvalidInputError naming the first problem. */
export function parseBlockModel(value: unknown): BlockModel {
  return parseDocument(BlockModelSchema, value, { code: 'INVALID_BLOCK_MODEL', name: 'block model' });
}

/** The model shipped with the code (shared/extraction/block-model.json), validated once. */
export const SHIPPED_BLOCK_MODEL: BlockModel = parseBlockModel(shippedModel as unknown);

/** The probability that a block with these features is main text. */
export function blockProbability(model: BlockModel, features: BlockFeatureVector): number {
  let sum = model.bias;
  for (let at = 0; at < model.weights.length; at++) {
    sum += (model.weights[at] as number) * (((features[at] as number) - (model.means[at] as number)) / (model.scales[at] as number));
  }
  return 1 / (1 + Math.exp(-sum));
}
