// The text of a page as corrections see it: the text under the main element, runs of white space collapsed to
// one space and a space between blocks, with each character mapped back to where it is in the DOM. A selection
// becomes offsets into this text (to describe the quote), and offsets become a DOM range again (to show where a
// stored quote is now). Capturing and re-finding use the same text, so a quote matches what was selected.

import {
  anchorQuote,
  type Anchor,
  CORRECTION_LIMITS,
  describeQuote,
  isRecordType,
  type RecordRef,
  type TextQuoteSelector,
} from '../../../src/core/corrections.js';

/** Text that is not the page's content: code, form controls, and anything marked to be left out. */
const SKIP = 'script, style, noscript, template, textarea, select, option, button, [data-correction-ignore]';
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'TABLE', 'TD', 'TH', 'TR', 'UL',
]); // prettier-ignore

export interface PageText {
  readonly text: string;
  /** The character offset in `text` of a DOM boundary point (as a selection's start or end gives it). */
  offsetOf(container: Node, offset: number): number;
  /** The DOM range of `text.slice(start, end)`. */
  rangeOf(start: number, end: number): Range;
}

function blockOf(node: Node): Element | null {
  for (let el = node.parentElement; el !== null; el = el.parentElement) if (BLOCKS.has(el.tagName)) return el;
  return null;
}

/** Reads the text under `root`. */
export function pageText(root: Element): PageText {
  const nodes: Text[] = [];
  const chars: string[] = [];
  // For each character of the text: its node and the offset in that node's data.
  const nodeAt: number[] = [];
  const offsetAt: number[] = [];
  // The spaces put between blocks stand for no character of the DOM.
  const between = new Set<number>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  let lastBlock: Element | null = null;
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node as Text;
    const index = nodes.push(text) - 1;
    const block = blockOf(text);
    const spaceBefore = () => chars.length === 0 || chars[chars.length - 1] === ' ';
    if (block !== lastBlock && !spaceBefore()) {
      between.add(chars.length);
      chars.push(' ');
      nodeAt.push(index);
      offsetAt.push(0);
    }
    lastBlock = block;
    const data = text.data;
    for (let i = 0; i < data.length; i++) {
      const ch = data[i] ?? '';
      const space = /\s/.test(ch);
      if (space && spaceBefore()) continue;
      chars.push(space ? ' ' : ch);
      nodeAt.push(index);
      offsetAt.push(i);
    }
  }
  const text = chars.join('');

  /** The first character at or after `offset` in node `index` (or in a later node): where a boundary falls. */
  const charIn = (index: number, offset: number): number => {
    for (let c = 0; c < nodeAt.length; c++) {
      const n = nodeAt[c] ?? 0;
      if (n > index || (n === index && (offsetAt[c] ?? 0) >= offset)) return c;
    }
    return text.length;
  };

  return {
    text,
    offsetOf(container, offset) {
      if (container.nodeType === Node.TEXT_NODE) {
        const index = nodes.indexOf(container as Text);
        if (index !== -1) return charIn(index, offset);
      }
      // A boundary between elements: the first of our text nodes after it.
      const point = document.createRange();
      point.setStart(container, offset);
      const index = nodes.findIndex((node) => point.comparePoint(node, 0) >= 0);
      return index === -1 ? text.length : charIn(index, 0);
    },
    rangeOf(start, end) {
      const range = document.createRange();
      const first = nodes[nodeAt[start] ?? -1];
      const last = nodes[nodeAt[end - 1] ?? -1];
      if (first === undefined || last === undefined) return range;
      range.setStart(first, offsetAt[start] ?? 0);
      range.setEnd(last, between.has(end - 1) ? 0 : Math.min(last.data.length, (offsetAt[end - 1] ?? 0) + 1));
      return range;
    },
  };
}

/** What the reader pointed at: a quote (when they selected text in the content) and the record the page is about. */
export interface Captured {
  readonly selector: TextQuoteSelector | null;
  readonly record: RecordRef | null;
}

/** The record an element sits in: the nearest `data-record-type` / `data-record-id`, else the page's first. */
function recordFrom(start: Element | null, root: Element): RecordRef | null {
  const holder = start?.closest('[data-record-type]') ?? root.querySelector('[data-record-type]');
  const type = holder?.getAttribute('data-record-type') ?? '';
  const id = holder?.getAttribute('data-record-id') ?? '';
  return isRecordType(type) && id !== '' ? { type, id } : null;
}

/**
 * The reader's selection inside `root` as a TextQuoteSelector (trimmed of white space at its ends; a selection
 * longer than the limit keeps its first part, with the context that follows that part), and the record. Without
 * a selection in `root`, only the page's record.
 */
export function capture(root: Element, selection: Selection | null): Captured {
  const range =
    selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
  if (range === null || !root.contains(range.commonAncestorContainer))
    return { selector: null, record: recordFrom(null, root) };
  const page = pageText(root);
  let start = page.offsetOf(range.startContainer, range.startOffset);
  let end = page.offsetOf(range.endContainer, range.endOffset);
  while (start < end && page.text[start] === ' ') start++;
  while (end > start && page.text[end - 1] === ' ') end--;
  end = Math.min(end, start + CORRECTION_LIMITS.exact);
  const container = range.startContainer;
  const element = container instanceof Element ? container : container.parentElement;
  return {
    selector: start < end ? describeQuote(page.text, start, end) : null,
    record: recordFrom(element, root),
  };
}

/** Where a stored quote is on the page now, as a DOM range, with how it was found; null when it is gone. */
export function locate(root: Element, selector: TextQuoteSelector): { anchor: Anchor; range: Range } | null {
  const page = pageText(root);
  const anchor = anchorQuote(page.text, selector);
  if (anchor === null || anchor.start === anchor.end) return null;
  return { anchor, range: page.rangeOf(anchor.start, anchor.end) };
}
