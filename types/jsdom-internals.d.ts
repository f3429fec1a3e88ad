// jsdom 27.0.1's own node constructors, the ones its HTML parser calls (lib/jsdom/browser/parser/html.js).
// jsdom ships no types for them; this is the part shared/extraction/build-jsdom-document.ts uses.
// They work on jsdom's implementation objects ("impls"), not on the wrappers the DOM API hands out.
// CommonJS modules whose exports Node cannot list for ESM, so each is imported as its default export.
declare module 'jsdom/lib/jsdom/living/generated/utils.js' {
  function implForWrapper(wrapper: unknown): unknown;
  function wrapperForImpl(impl: unknown): unknown;
  const module: { implForWrapper: typeof implForWrapper; wrapperForImpl: typeof wrapperForImpl };
  export default module;
}

declare module 'jsdom/lib/jsdom/living/helpers/create-element.js' {
  function createElement(
    document: unknown,
    localName: string,
    namespace: string | null,
    prefix: string | null,
    isValue: string | null,
    synchronousCustomElements: boolean,
  ): unknown;
  const module: { createElement: typeof createElement };
  export default module;
}

declare module 'jsdom/lib/jsdom/living/attributes.js' {
  function setAttributeValue(element: unknown, localName: string, value: string, prefix?: string | null, namespace?: string | null): void;
  const module: { setAttributeValue: typeof setAttributeValue };
  export default module;
}

declare module 'jsdom/lib/jsdom/living/generated/Text.js' {
  function createImpl(globalObject: unknown, constructorArgs: unknown[], privateData: { data: string; ownerDocument: unknown }): unknown;
  const module: { createImpl: typeof createImpl };
  export default module;
}

declare module 'jsdom/lib/jsdom/living/generated/Comment.js' {
  function createImpl(globalObject: unknown, constructorArgs: unknown[], privateData: { data: string; ownerDocument: unknown }): unknown;
  const module: { createImpl: typeof createImpl };
  export default module;
}

declare module 'jsdom/lib/jsdom/living/generated/DocumentType.js' {
  function createImpl(
    globalObject: unknown,
    constructorArgs: unknown[],
    privateData: { name: string; publicId: string; systemId: string; ownerDocument: unknown },
  ): unknown;
  const module: { createImpl: typeof createImpl };
  export default module;
}
