/** GET /api/v1/samples, /samples/:id and /samples/:id/image: the committed world samples. */
import type { Request } from 'express';
import type { GqaChoice, GqaQuestion } from '../../../graph/formats/gqa-schema.ts';
import { sampleOr404 } from '../answering/resolve-graph.ts';
import type { AppContext } from '../app-context.ts';
import type { Sample } from '../samples/sample-store.ts';
import { SampleDetailSchema, SampleListSchema, type SampleDetail, type SampleSummary } from './samples-schema.ts';
import type { RouteSpec } from './route-spec.ts';

const imageUrl = (id: string): string => `/api/v1/samples/${encodeURIComponent(id)}/image`;

function summary(sample: Sample): SampleSummary {
  const { scene } = sample;
  const objects = Object.values(scene.objects);
  const out: SampleSummary = {
    id: sample.id,
    width: scene.width,
    height: scene.height,
    objects: objects.length,
    relations: objects.reduce((sum, object) => sum + object.relations.length, 0),
    questions: sample.questions.length,
    imageUrl: imageUrl(sample.id),
  };
  if (scene.location !== undefined) out.location = scene.location;
  return out;
}

function sampleOf(context: AppContext, req: Request): Sample {
  return sampleOr404(context.samples, String(req.params.id), 'id');
}

export function sampleRoutes(context: AppContext): RouteSpec[] {
  const { samples } = context;
  const list = { count: samples.size, world: { name: samples.manifest.name, split: samples.manifest.split, seed: samples.manifest.seed }, samples: samples.ids().map((id) => summary(samples.get(id)!)) };
  return [
    {
      method: 'get',
      path: '/samples',
      operationId: 'listSamples',
      summary: 'The committed world samples',
      requiresKey: true,
      responses: { 200: { description: 'Every sample, with counts', schema: SampleListSchema } },
      errors: [401],
      handler: (_req, res) => {
        res.json(list);
      },
    },
    {
      method: 'get',
      path: '/samples/:id',
      operationId: 'getSample',
      summary: "A sample's annotated scene graph, questions and choices",
      requiresKey: true,
      params: { id: 'Sample id, e.g. sample-000000' },
      responses: { 200: { description: 'The sample', schema: SampleDetailSchema } },
      errors: [401, 404],
      handler: (req, res) => {
        const sample = sampleOf(context, req);
        const questions: Record<string, GqaQuestion> = {};
        const choices: Record<string, GqaChoice> = {};
        for (const { id, question } of sample.questions) {
          questions[id] = question;
          const choice = samples.choice(id);
          if (choice) choices[id] = choice;
        }
        const detail: SampleDetail = { id: sample.id, imageUrl: imageUrl(sample.id), sceneGraph: sample.scene, questions, choices };
        res.json(detail);
      },
    },
    {
      method: 'get',
      path: '/samples/:id/image',
      operationId: 'getSampleImage',
      summary: "A sample's image (256x256 PNG)",
      requiresKey: true,
      params: { id: 'Sample id' },
      responses: { 200: { description: 'The PNG file', contentType: 'image/png' } },
      errors: [401, 404],
      handler: (req, res, next) => {
        const sample = sampleOf(context, req);
        // The path comes from the store (known ids only), never from the request.
        res.sendFile(sample.imagePath, { headers: { 'Content-Type': 'image/png', 'Cache-Control': 'public, max-age=3600' }, dotfiles: 'deny' }, (error) => {
          if (error && !res.headersSent) next(error);
        });
      },
    },
  ];
}
