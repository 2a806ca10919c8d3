/**
 * The inspection page in Debian's chromium (playwright-core), against the real API server on loopback
 * with the page bundled fresh from client/src: load, pick a sample, ask and replay the reasoning, upload,
 * edit and ask again, predicted vs annotated, the views, the evaluation browser, keyboard and a narrow
 * window. Every expectation is read from the API in the same test (nothing about the data is hard-coded),
 * and each test saves a screenshot to test/browser/screenshots/latest/. Flows that need the learned
 * models check the real output when models/pretrained holds them, and the page's explanation otherwise.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerResponse, ModelInfo, SampleDetail, SampleList } from '../../client/src/api/index.ts';
import { percent } from '../../client/src/ui/dom.ts';
import { chromiumPresent, openPage, repoRoot, saveScreenshot, startHarness, type Harness } from './browser-harness.ts';

if (!chromiumPresent) console.warn('skipping the browser tests: /usr/bin/chromium is absent (`.ci/run` installs it with apt-get)');

describe.skipIf(!chromiumPresent)('inspection page in chromium', () => {
  let harness: Harness;
  let base: string;
  let model: ModelInfo;
  let list: SampleList;
  const pageErrors: string[] = [];
  const api = async <T>(path: string, init?: RequestInit): Promise<T> => (await fetch(`${base}/api/v1${path}`, init)).json() as Promise<T>;
  const answer = (body: unknown) => api<AnswerResponse>('/answer', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    harness = await startHarness();
    base = harness.server.url;
    [model, list] = await Promise.all([api<ModelInfo>('/model'), api<SampleList>('/samples')]);
  }, 90_000);
  afterAll(async () => {
    await harness?.close();
    expect(pageErrors).toEqual([]);
  });

  async function freshPage(hash = ''): Promise<{ page: Page; interactiveMs: number }> {
    const page = await harness.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const interactiveMs = await openPage(page, `${base}/${hash}`);
    return { page, interactiveMs };
  }

  const itemCount = (page: Page) => page.locator('#object-list .object-item').count();

  /** Pixels of an element's screenshot that differ from its background colour (sigma draws on WebGL canvases). */
  async function drawnPixels(page: Page, selector: string): Promise<number> {
    const png = await page.locator(selector).screenshot();
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const [r0, g0, b0] = [data[0]!, data[1]!, data[2]!];
    let drawn = 0;
    for (let i = 0; i < info.width * info.height * 3; i += 3) if (Math.abs(data[i]! - r0) + Math.abs(data[i + 1]! - g0) + Math.abs(data[i + 2]! - b0) > 40) drawn++;
    return drawn;
  }

  it('loads, draws the first sample (image, boxes, graph, object list) and becomes interactive', async () => {
    const { page, interactiveMs } = await freshPage();
    const first = list.samples[0]!;
    const detail = await api<SampleDetail>(`/samples/${first.id}`);
    expect(await page.title()).toContain('SelfGraphVQA');
    await expect.poll(() => page.locator('#image-figure .scene-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(detail.sceneGraph.width);
    expect(await itemCount(page)).toBe(Object.keys(detail.sceneGraph.objects).length);
    expect(await page.locator('.box-overlay .box').count()).toBe(Object.keys(detail.sceneGraph.objects).length);
    const relations = Object.values(detail.sceneGraph.objects).reduce((n, o) => n + o.relations.length, 0);
    await expect.poll(() => page.locator('#graph-status').textContent()).toContain(`${Object.keys(detail.sceneGraph.objects).length} objects, ${relations} relations`);
    expect(await drawnPixels(page, '#graph-figure .graph-canvas')).toBeGreaterThan(500);
    const chips = await page.locator('.model-status .chip').allTextContents();
    expect(chips).toEqual([
      `${model.sceneGraphGenerator.available ? '✓' : '✗'} scene-graph generator`,
      `${model.vqa.available ? '✓' : '✗'} VQA model`,
      '✓ program executor',
    ]);
    console.log(`inspection page: interactive ${interactiveMs.toFixed(0)} ms after navigation (fresh browser profile, loopback)`);
    expect(Number.isFinite(interactiveMs)).toBe(true);
    await saveScreenshot(page, '01-sample-loaded', { key: true });
    await page.close();
  });

  it('picks a sample from the list, steps to the next one, and links hover between image, list and graph', async () => {
    const { page } = await freshPage();
    const [, second, third] = list.samples as [unknown, SampleList['samples'][number], SampleList['samples'][number]];
    await page.selectOption('#sample-select', second.id);
    await expect.poll(() => page.locator('#sample-meta').textContent()).toContain(`${second.objects} objects, ${second.relations} relations`);
    expect(await itemCount(page)).toBe(second.objects);
    expect(await page.locator('#image-figure .scene-image').getAttribute('src')).toContain(second.id);
    expect(await page.evaluate(() => location.hash)).toBe(`#sample=${second.id}`);
    await page.getByRole('button', { name: 'Next sample' }).click();
    await expect.poll(() => page.locator('#sample-select').inputValue()).toBe(third.id);
    await expect.poll(() => itemCount(page)).toBe(third.objects);

    const key = await page.locator('.box-overlay .box').first().getAttribute('data-key');
    await page.locator(`.box-overlay .box[data-key="${key}"] .box-line`).first().hover({ force: true });
    await expect.poll(() => page.locator(`#object-list .object-item[data-key="${key}"]`).getAttribute('class')).toContain('hovered');
    await page.locator(`#object-list .object-item[data-key="${key}"]`).click();
    await expect.poll(() => page.locator('#details-heading').textContent()).toMatch(/^#\d+ /);
    expect(await page.locator(`.box-overlay .box[data-key="${key}"]`).getAttribute('class')).toContain('selected');
    await saveScreenshot(page, '02-sample-picked');
    await page.close();
  });

  /** The page's attended boxes (keys) at the shown round, sorted. */
  const attendedOnPage = async (page: Page) => (await page.locator('.box-overlay .box.attended').evaluateAll((gs) => gs.map((g) => (g as SVGGElement).dataset.key!))).sort();
  const attendedIn = (response: AnswerResponse, round: number) => response.grounding[round]!.objects.filter((o) => o.weight > 0.01).map((o) => o.id).sort();

  /** The answer card's top-k bars as the page shows them: label and the percentage text. */
  const topKOnPage = (page: Page) =>
    page.locator('.answer-card').first().locator('table.bars tbody tr').evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('.bar-value')!.textContent]));

  it('asks a sample question: the answer with its top-k, the annotated answer, the executor trace and the round-by-round attention', async () => {
    const sampleId = list.samples[0]!.id;
    const { page } = await freshPage(`#sample=${sampleId}`);
    const detail = await api<SampleDetail>(`/samples/${sampleId}`);
    // A question whose reasoning has several rounds, so the player has something to step through; with
    // the VQA model loaded ("auto" answers with it), preferably one it answers right.
    let chosen: { id: string; expected: AnswerResponse } | undefined;
    for (const id of Object.keys(detail.questions)) {
      const expected = await answer({ sampleId, questionId: id, question: detail.questions[id]!.question, answerer: 'auto', graph: 'annotated' });
      if (expected.grounding.length < 2) continue;
      chosen ??= { id, expected };
      if (expected.answer === detail.questions[id]!.answer) {
        chosen = { id, expected };
        break;
      }
    }
    expect(chosen).toBeDefined();
    const { id, expected } = chosen!;
    expect(expected.answeredBy).toBe(model.vqa.available ? 'model' : 'symbolic');
    await page.selectOption('#sample-questions', id);
    expect(await page.locator('#question-input').inputValue()).toBe(detail.questions[id]!.question);
    await page.click('#ask-button');
    const card = page.locator('.answer-card').first();
    await expect.poll(() => card.getAttribute('data-answer')).toBe(expected.answer);
    expect(await card.locator('.answer').textContent()).toBe(expected.answer);
    expect(await card.locator('.card-meta .badge').nth(1).textContent()).toBe(expected.answeredBy === 'model' ? 'model' : 'executor');
    expect(await card.textContent()).toContain(`annotated answer: ${detail.questions[id]!.answer}`);
    if (expected.program?.result.kind === 'answer') expect(await card.locator('.executor-answer').textContent()).toBe(expected.program.result.answer);
    // Top-k bars: the model's distribution (the executor's single answer needs none).
    if (expected.topK.length > 1) expect(await topKOnPage(page)).toEqual(expected.topK.map((t) => [t.answer, percent(t.p)]));
    else expect(await card.locator('table.bars').count()).toBe(0);

    // The player: round 1 lights up what the first round attended, then step to the middle round.
    const rounds = expected.grounding;
    await expect.poll(() => page.locator('#round-caption').textContent()).toContain(`Round 1 of ${rounds.length}`);
    expect(await attendedOnPage(page)).toEqual(attendedIn(expected, 0));
    const middle = Math.max(1, Math.floor((rounds.length - 1) / 2));
    for (let round = 1; round <= middle; round++) await page.click('#player-next');
    await expect.poll(() => page.locator('#round-caption').textContent()).toContain(`Round ${middle + 1} of ${rounds.length}`);
    expect(await page.locator('#round-caption').textContent()).toContain(expected.answeredBy === 'model' ? 'model attention' : 'executor step');
    expect(await attendedOnPage(page)).toEqual(attendedIn(expected, middle));
    const attendedObjects = rounds[middle]!.objects.length;
    if (attendedObjects > 0) expect(await page.locator('#attention-player .round-weights tbody tr').count()).toBe(Math.min(6, attendedObjects));
    if (expected.answeredBy === 'symbolic') {
      await page.locator('.program summary').first().click();
      expect(await page.locator('.program .trace li').count()).toBe(expected.program?.result.trace.length ?? 0);
    }
    await saveScreenshot(page, '03-answer-and-reasoning', { key: true, fullPage: true });

    // Free text goes to the VQA model: its answer and top-k when loaded, the server's reason when not.
    const names = Object.values(detail.sceneGraph.objects).map((o) => o.name);
    const unique = names.find((name) => names.indexOf(name) === names.lastIndexOf(name)) ?? names[0]!;
    const question = `What is the color of the ${unique}?`;
    await page.fill('#question-input', question);
    await page.click('#ask-button');
    const free = page.locator('.answer-card').first();
    await expect.poll(() => free.getAttribute('class')).not.toContain('pending');
    expect(await free.locator('.card-question').textContent()).toBe(question);
    if (model.vqa.available) {
      const direct = await answer({ sampleId, question, answerer: 'auto', graph: 'annotated' });
      expect(direct.answeredBy).toBe('model');
      expect(await free.getAttribute('data-answer')).toBe(direct.answer);
      expect(await topKOnPage(page)).toEqual(direct.topK.map((t) => [t.answer, percent(t.p)]));
      expect(await free.locator('.program').count()).toBe(0);
      await expect.poll(() => page.locator('#round-caption').textContent()).toContain(`Round 1 of ${direct.grounding.length}`);
      expect(await attendedOnPage(page)).toEqual(attendedIn(direct, 0));
      await saveScreenshot(page, '03b-free-text-answer');
    } else expect(await free.locator('.error-text').textContent()).toContain('Not available yet');
    await page.close();
  });

  it('uploads an image (file chooser and drag and drop), shows its predicted graph or why there is none, and answers about it', async () => {
    const { page } = await freshPage();
    const sample = list.samples[5] ?? list.samples[0]!;
    const imagePath = join(repoRoot, 'samples/world/images', `${sample.id}.png`);
    await page.setInputFiles('#upload-input', imagePath);
    await expect.poll(() => page.locator('#sample-meta').textContent()).toBe(`Uploaded: ${sample.id}.png`);
    expect(await page.locator('#image-figure .scene-image').getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => page.locator('#predicted-status').textContent()).not.toContain('Predicting');
    if (model.sceneGraphGenerator.available) {
      const predicted = (await page.locator('#predicted-status').textContent())!;
      const n = Number(/Predicted: (\d+) objects/.exec(predicted)?.[1]);
      expect(n).toBeGreaterThan(0);
      expect(await itemCount(page)).toBe(n);
      expect(await drawnPixels(page, '#graph-figure .graph-canvas')).toBeGreaterThan(200);
      if (model.vqa.available) {
        // A question about the upload: the image goes with it (multipart); the page shows what the API answers.
        const name = (await page.locator('#object-list .object-item .object-label').first().textContent())!.trim().split(' ').at(-1)!;
        const question = `What is the color of the ${name}?`;
        await page.fill('#question-input', question);
        await page.click('#ask-button');
        const card = page.locator('.answer-card').first();
        await expect.poll(() => card.getAttribute('class')).not.toContain('pending');
        const form = new FormData();
        form.append('image', new Blob([readFileSync(imagePath)], { type: 'image/png' }), 'image');
        for (const [key, value] of Object.entries({ question, answerer: 'auto', imageId: 'upload' })) form.append(key, value);
        const direct = await api<AnswerResponse>('/answer', { method: 'POST', body: form });
        expect(await card.getAttribute('data-answer')).toBe(direct.answer);
        expect(await card.locator('.badge').first().textContent()).toBe('predicted graph');
        expect(await topKOnPage(page)).toEqual(direct.topK.map((t) => [t.answer, percent(t.p)]));
      }
    } else {
      expect(await page.locator('#predicted-status').textContent()).toContain(`Predicted graph unavailable: `);
      expect(await page.locator('#predicted-status').textContent()).toContain('scene-graph generator');
      expect(await itemCount(page)).toBe(0);
    }
    await saveScreenshot(page, '04-upload');

    // A dropped file that is not an image is refused on the page, before any upload.
    const dataTransfer = await page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['not an image'], 'notes.txt', { type: 'text/plain' }));
      return transfer;
    });
    await page.dispatchEvent('#dropzone', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('.notice').textContent()).toContain('"notes.txt" is not a PNG, JPEG or WebP image');
    await page.close();
  });

  it('edits the graph (attribute, relation, undo, delete) and asks again on the edited graph', async () => {
    const sampleId = list.samples[0]!.id;
    const { page } = await freshPage(`#sample=${sampleId}`);
    const detail = await api<SampleDetail>(`/samples/${sampleId}`);
    // A question about an object's colour: recolouring that object must change the executor's answer.
    const [questionId, question] = Object.entries(detail.questions).find(([, q]) => /->query: color \[\d+\]$/.test(q.semanticStr ?? ''))!;
    const before = await answer({ sampleId, questionId, question: question.question, answerer: 'symbolic', graph: 'annotated' });
    const target = [...before.grounding.at(-1)!.objects].sort((a, b) => b.weight - a.weight)[0]!.id;
    const colors = model.labels.attributes.color!;
    const newColor = colors.find((c) => !detail.sceneGraph.objects[target]!.attributes.includes(c))!;

    await page.click('#answerer-symbolic');
    await page.selectOption('#sample-questions', questionId);
    await page.click('#ask-button');
    await expect.poll(() => page.locator('.answer-card').first().getAttribute('data-answer')).toBe(before.answer);

    await page.locator(`#object-list .object-item[data-key="${target}"]`).click();
    await page.selectOption('#edit-attr-color', newColor);
    await expect.poll(() => page.locator('#edit-log .edit-list li').allTextContents()).toEqual([expect.stringContaining(`to "${newColor}"`)]);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/v1/answer'));
    await page.click('#ask-again');
    const body = (await sent).postDataJSON() as { sceneGraph: SampleDetail['sceneGraph']; questionId: string };
    expect(body.questionId).toBe(questionId);
    expect(body.sceneGraph.objects[target]!.attributes).toContain(newColor);
    const card = page.locator('.answer-card').first();
    await expect.poll(() => card.getAttribute('data-answer')).toBe(newColor);
    expect(await card.locator('.badge').first().textContent()).toBe('annotated graph, 1 edit');
    expect(await card.locator('.counterfactual').textContent()).toBe(`Before the edits: ${before.answer} → changed`);
    if (model.vqa.available) {
      // The VQA model asked about the same edited graph: the page shows what the API answers for that graph.
      await page.click('#answerer-model');
      const sentToModel = page.waitForRequest((r) => r.url().endsWith('/api/v1/answer'));
      await page.click('#ask-again');
      const modelBody = (await sentToModel).postDataJSON() as Record<string, unknown> & { sceneGraph: SampleDetail['sceneGraph'] };
      expect(modelBody.answerer).toBe('model');
      expect(modelBody.sceneGraph.objects[target]!.attributes).toContain(newColor);
      const direct = await answer(modelBody);
      const modelCard = page.locator('.answer-card').first();
      await expect.poll(() => modelCard.getAttribute('data-answer')).toBe(direct.answer);
      expect(await modelCard.locator('.badge').nth(1).textContent()).toBe('model');
      expect(await modelCard.locator('.counterfactual').textContent()).toBe(`Before the edits: ${before.answer}${direct.answer === before.answer ? ' (unchanged)' : ' → changed'}`);
      expect(await topKOnPage(page)).toEqual(direct.topK.map((t) => [t.answer, percent(t.p)]));
      await saveScreenshot(page, '05-edit-and-ask-again', { key: true, fullPage: true });
      await page.click('#answerer-symbolic');
    } else await saveScreenshot(page, '05-edit-and-ask-again', { key: true, fullPage: true });

    // Remove a relation, undo it, then delete the object: the request carries exactly that graph.
    const relations = await page.locator('#object-details .relation-list li').count();
    await page.locator('#object-details .remove-relation').first().click();
    await expect.poll(() => page.locator('#object-details .relation-list li').count()).toBe(relations - 1);
    await page.click('#undo-edit');
    await expect.poll(() => page.locator('#object-details .relation-list li').count()).toBe(relations);
    await page.click('#delete-object');
    await expect.poll(() => itemCount(page)).toBe(Object.keys(detail.sceneGraph.objects).length - 1);
    expect(await page.locator('#edit-log .edit-list li').count()).toBe(2);
    const sentAgain = page.waitForRequest((r) => r.url().endsWith('/api/v1/answer'));
    await page.click('#ask-again');
    const edited = (await sentAgain).postDataJSON() as { sceneGraph: SampleDetail['sceneGraph'] };
    expect(edited.sceneGraph.objects[target]).toBeUndefined();
    for (const object of Object.values(edited.sceneGraph.objects)) expect(object.relations.every((r) => r.object !== target)).toBe(true);
    const direct = await fetch(`${base}/api/v1/answer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(edited) });
    const last = page.locator('.answer-card').first();
    await expect.poll(() => last.getAttribute('class')).not.toContain('pending');
    if (direct.ok) expect(await last.getAttribute('data-answer')).toBe(((await direct.json()) as AnswerResponse).answer);
    else expect(await last.locator('.error-text').textContent()).toContain(((await direct.json()) as { error: { message: string } }).error.message);
    await page.click('#reset-edits');
    await expect.poll(() => itemCount(page)).toBe(Object.keys(detail.sceneGraph.objects).length);
    await page.close();
  });

  it('shows the predicted graph against the annotated one, or says why it cannot', async () => {
    const first = list.samples[0]!.id;
    const { page } = await freshPage(`#sample=${first}`);
    await expect.poll(() => page.locator('#predicted-status').textContent()).not.toContain('Predicting');
    if (!model.sceneGraphGenerator.available) {
      expect(await page.locator('#choice-diff').isDisabled()).toBe(true);
      expect(await page.locator('#choice-predicted').isDisabled()).toBe(true);
      expect(await page.locator('#predicted-status').textContent()).toContain(model.sceneGraphGenerator.reason);
      await saveScreenshot(page, '06-differences');
      await page.close();
      return;
    }
    await page.click('#choice-diff');
    await expect.poll(() => page.locator('#diff-summary').isVisible()).toBe(true);
    const legendCounts = async () => {
      const legend = await page.locator('#diff-summary .legend li').allTextContents();
      return (label: string) => Number(legend.find((l) => l.startsWith(label))!.slice(label.length + 1));
    };
    // Step through the samples (the view stays on the differences) to one where the generator got some
    // object wrong, so the marks have something to show; the first sample if it never does.
    let sample = list.samples[0]!;
    for (const candidate of list.samples.slice(0, 12)) {
      if (candidate.id !== first) {
        await page.selectOption('#sample-select', candidate.id);
        await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#sample=${candidate.id}`);
        await expect.poll(() => page.locator('#predicted-status').textContent()).not.toContain('Predicting');
        await expect.poll(() => page.locator('#diff-summary').isVisible()).toBe(true);
      }
      sample = candidate;
      const count = await legendCounts();
      if (count('found') < candidate.objects) break;
    }
    expect(await page.locator('#choice-diff').isChecked()).toBe(true);
    const predicted = await api<{ sceneGraph: SampleDetail['sceneGraph'] }>('/scene-graph', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sampleId: sample.id }) });
    const count = await legendCounts();
    // Every annotated object is found, mislabelled, misdescribed or missed; every predicted one is matched or spurious.
    expect(count('found') + count('wrong label') + count('wrong attributes') + count('missed')).toBe(sample.objects);
    expect(count('found') + count('wrong label') + count('wrong attributes') + count('spurious')).toBe(Object.keys(predicted.sceneGraph.objects).length);
    expect(await itemCount(page)).toBe(sample.objects + count('spurious'));
    // Each difference is marked in the object list with its word, and listed.
    for (const [label, status] of [['wrong label', 'wrong-label'], ['wrong attributes', 'wrong-attributes'], ['missed', 'missed'], ['spurious', 'spurious']] as const) {
      expect(await page.locator(`#object-list .status-tag.status-${status}`).count()).toBe(count(label));
      expect(await page.locator(`#object-list .status-tag.status-${status}`).allTextContents()).toEqual(Array(count(label)).fill(label));
    }
    expect(await page.locator('#graph-status').textContent()).toContain(`Predicted vs annotated: ${sample.objects + count('spurious')} objects`);
    expect(await drawnPixels(page, '#graph-figure .graph-canvas')).toBeGreaterThan(500);
    await saveScreenshot(page, '06-differences', { key: true });
    await page.close();
  });

  it('opens the two augmented views with their graphs and node correspondence, or says why it cannot', async () => {
    const sampleId = list.samples[0]!.id;
    const { page } = await freshPage(`#sample=${sampleId}`);
    // Views are sampled afresh on every request, so the page's own response is the reference.
    const pageResponse = page.waitForResponse((r) => r.url().endsWith('/api/v1/scene-graph') && (r.request().postData() ?? '').includes('"views":true'), { timeout: 30_000 });
    await page.click('#tab-views');
    expect(await page.locator('#tab-views').getAttribute('aria-selected')).toBe('true');
    const response = await pageResponse;
    await expect.poll(() => page.locator('#views-status').textContent(), { timeout: 30_000 }).not.toMatch(/^(Computing|)$/);
    const viewsShown = response.ok();
    if (viewsShown) {
      const views = (await response.json()) as { correspondence: unknown[] };
      expect(await page.locator('#views-body .view-figure img').count()).toBe(2);
      expect(await page.locator('#correspondence tbody tr').count()).toBe(views.correspondence.length);
      await expect.poll(() => page.locator('.correspondence-lines line').count()).toBe(views.correspondence.length);
      expect(await page.locator('#views-status').textContent()).toContain(`${views.correspondence.length} matched nodes`);
    } else {
      const error = ((await response.json()) as { error: { message: string } }).error;
      expect((await page.locator('#views-status').textContent())!.toLowerCase()).toContain(error.message.toLowerCase());
      expect(await page.locator('#views-body').isHidden()).toBe(true);
    }
    await saveScreenshot(page, '07-views', { key: viewsShown, fullPage: viewsShown });
    await page.close();
  });

  it('runs a batch evaluation, browses the wrong answers of a predictions file and opens a scene from one', async () => {
    const { page } = await freshPage();
    await page.click('#tab-evaluation');
    await page.selectOption('#eval-answerer', 'symbolic');
    await page.selectOption('#eval-graphs', 'annotated');
    await page.click('#eval-run');
    await page.waitForSelector('.metric-cards', { timeout: 30_000 });
    const submitted = await api<{ id: string }>('/evaluations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ split: 'sample', answerer: 'symbolic', graphs: 'annotated' }) });
    let job = await api<{ status: string; metrics: { accuracy: number; perStructuralType: Record<string, unknown> } }>(`/evaluations/${submitted.id}`);
    while (job.status === 'running' || job.status === 'queued') job = await api(`/evaluations/${submitted.id}`);
    const accuracyCard = page.locator('.metric', { hasText: 'accuracy' }).first();
    expect(await accuracyCard.locator('dd').textContent()).toBe(`${job.metrics.accuracy.toFixed(1)}%`);
    expect(await page.locator('.type-table').first().locator('tbody tr').count()).toBe(Object.keys(job.metrics.perStructuralType).length);

    // A predictions file with three wrong answers: exactly those are listed.
    const questions: Record<string, { imageId: string; question: string; answer?: string }> = {};
    for (const summary of list.samples.slice(0, 3)) Object.assign(questions, (await api<SampleDetail>(`/samples/${summary.id}`)).questions);
    const ids = Object.keys(questions);
    const wrong = [ids[1]!, ids[12]!, ids[25]!];
    const predictions = ids.map((questionId) => ({ questionId, prediction: wrong.includes(questionId) ? `${questions[questionId]!.answer}-not` : questions[questionId]!.answer! }));
    const file = join(mkdtempSync(join(tmpdir(), 'sgvqa-eval-')), 'predictions.json');
    writeFileSync(file, JSON.stringify(predictions));
    await page.setInputFiles('#eval-files', file);
    await expect.poll(() => page.locator('#wrong-table tbody tr').count()).toBe(3);
    expect(await page.locator('#wrong-table tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.questionId))).toEqual(wrong);
    expect(await page.locator('#wrong-heading').textContent()).toContain(`(3 of ${ids.length})`);
    await saveScreenshot(page, '08-evaluation', { fullPage: true, key: true });

    await page.locator('#wrong-table tbody tr').nth(1).getByRole('button', { name: /Open the scene/ }).click();
    const opened = questions[wrong[1]!]!;
    await expect.poll(() => page.locator('#tab-inspect').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.locator('#sample-select').inputValue()).toBe(opened.imageId);
    expect(await page.locator('#question-input').inputValue()).toBe(opened.question);
    await expect.poll(() => page.locator('.answer-card').first().getAttribute('data-answer')).toBeTruthy();
    await saveScreenshot(page, '09-opened-from-evaluation');
    await page.close();
  });

  it('works from the keyboard and in a narrow window', async () => {
    const { page } = await freshPage();
    await page.setViewportSize({ width: 420, height: 900 });
    await page.waitForTimeout(150);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);

    // Tabs: arrow keys move between them.
    await page.focus('#tab-inspect');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('#tab-views').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('#tab-inspect').getAttribute('aria-selected')).toBe('true');

    // The object list: one tab stop, arrows move, Enter selects.
    await page.focus('#object-list .object-item[tabindex="0"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const second = await page.locator('#object-list .object-item').nth(1).getAttribute('data-key');
    await expect.poll(() => page.locator('#object-list .object-item[aria-selected="true"]').getAttribute('data-key')).toBe(second);

    // Tab reaches the question box and Enter asks.
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'question-input');
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.answer-card').first().getAttribute('class')).not.toContain('pending');
    await saveScreenshot(page, '10-narrow', { fullPage: true, key: true });
    await page.close();
  });

  it('measures load to interactive over repeated loads (cache disabled)', async () => {
    const page = await harness.context.newPage();
    const cdp = await harness.context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) times.push(await openPage(page, `${base}/?load=${i}`));
    await page.close();
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`inspection page: load to interactive over ${times.length} loads, cache disabled: median ${sorted[2]!.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
    expect(times.every(Number.isFinite)).toBe(true);
  });
});
