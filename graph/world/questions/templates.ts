/**
 * The world's question templates and the share of questions each aims at. Every GQA structural type
 * (verify, query, choose, logical, compare) and semantic type (obj, attr, cat, rel, global) is covered;
 * about 45 % of questions are yes/no, as in GQA.
 */
import type { QuestionTemplate } from './template.ts';
import { chooseAttrTemplate, queryAttrTemplate, verifyAttrAndTemplate, verifyAttrTemplate } from './templates-attr.ts';
import { commonTemplate, compareSizeTemplate, sameAllTemplate, sameDifferentTemplate } from './templates-compare.ts';
import { existAttrTemplate, existLogicTemplate, existTemplate } from './templates-exist.ts';
import { choosePlaceTemplate, chooseNameTemplate, queryNameTemplate, queryPlaceTemplate, verifyPlaceTemplate } from './templates-name-place.ts';
import { chooseRelTemplate, directOfTemplate, existRelTemplate, relOTemplate, relSTemplate, verifyRelTemplate } from './templates-relation.ts';

export function worldTemplates(): QuestionTemplate[] {
  return [
    // verify (0.25)
    verifyAttrTemplate('color', 0.03),
    verifyAttrTemplate('size', 0.02),
    verifyAttrTemplate('material', 0.03),
    verifyPlaceTemplate(0.02),
    existTemplate(0.03),
    existAttrTemplate(0.04),
    existRelTemplate(0.04),
    verifyRelTemplate(0.04),
    // query (0.31)
    queryAttrTemplate('color', 0.05),
    queryAttrTemplate('size', 0.03),
    queryAttrTemplate('material', 0.04),
    queryNameTemplate(0.05),
    queryPlaceTemplate(0.02),
    relSTemplate(0.05),
    relOTemplate(0.03),
    directOfTemplate(0.04),
    // choose (0.18)
    chooseAttrTemplate('color', 0.03),
    chooseAttrTemplate('size', 0.02),
    chooseAttrTemplate('material', 0.03),
    chooseNameTemplate(0.03),
    choosePlaceTemplate(0.02),
    chooseRelTemplate(0.05),
    // logical (0.10)
    verifyAttrAndTemplate(0.04),
    existLogicTemplate('and', 0.03),
    existLogicTemplate('or', 0.03),
    // compare (0.16)
    sameDifferentTemplate('same', 0.04),
    sameDifferentTemplate('different', 0.03),
    sameAllTemplate(0.02),
    commonTemplate(0.03),
    compareSizeTemplate(0.04),
  ];
}
