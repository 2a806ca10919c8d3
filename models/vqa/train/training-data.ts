/**
 * Picks the graph sources of one training configuration from prepared data: answers from annotated or
 * predicted training graphs; SSL's second view from the predicted views (for annotated training the
 * pair is annotation <-> generator view, the gap SSL is meant to close); evaluation on validation
 * graphs of the trained kind first (it selects the best epoch), then the other kind when available.
 */
import type { PreparedVqaData } from '../data/prepare.ts';
import { VqaDataError } from '../errors/vqa-data-error.ts';
import type { EvalSet, VqaTrainingData } from './train-vqa.ts';
import type { VqaTrainingConfig } from './training-config.ts';

export function trainingDataFor(prepared: PreparedVqaData, config: VqaTrainingConfig): VqaTrainingData {
  const train = prepared.splits.get('train');
  const val = prepared.splits.get('val');
  if (!train || !val) throw new VqaDataError('vqa/train: the data needs train and val splits');
  const needPredicted = config.graphs === 'predicted' || config.ssl.levels.length > 0;
  if (needPredicted && !train.predicted) {
    throw new VqaDataError(`vqa/train: ${config.graphs === 'predicted' ? 'training on predicted graphs' : 'SSL'} needs the scene-graph generator's views (give --sgg or ship models/pretrained/sgg.onnx)`);
  }
  const trainSource = config.graphs === 'predicted' ? train.predicted! : train.annotated;
  const evals: EvalSet[] = [];
  const add = (kind: 'annotated' | 'predicted') => {
    const source = kind === 'annotated' ? val.annotated : val.predicted;
    if (source) evals.push({ name: `val/${kind}`, examples: val.examples, source });
  };
  add(config.graphs);
  add(config.graphs === 'annotated' ? 'predicted' : 'annotated');
  return {
    vocabularies: prepared.vocabularies,
    train: train.examples,
    trainSource,
    annotated: train.annotated,
    ...(config.ssl.levels.length > 0 && train.predicted ? { pairSource: train.predicted } : {}),
    evals,
    ...(prepared.locations ? { locationClassifier: prepared.locations.toJSON() } : {}),
    description: {
      dataDir: prepared.dataDir,
      trainQuestions: train.examples.qids.length,
      valQuestions: val.examples.qids.length,
      generator: prepared.generator,
      augmentedViews: prepared.views,
      maxTrainImages: prepared.maxTrainImages,
      locationClassifier: prepared.locations ? { trainAccuracy: prepared.locations.trainAccuracy } : null,
    },
  };
}
