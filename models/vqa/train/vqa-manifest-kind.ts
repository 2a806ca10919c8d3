/** `extra.kind` of a VQA model manifest: what tells a VQA model's vqa.json from any other inference manifest. */
export const VQA_MANIFEST_KIND = 'sgvqa-vqa';
