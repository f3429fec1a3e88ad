import { describe, expect, it } from 'vitest';
import { readXml } from '../../../shared/feed/xml/read-xml';
import type { XmlElement } from '../../../shared/feed/xml/xml-node';
import { elementsOf, innerMarkup, textOf } from '../../../shared/feed/xml/xml-query';

const root = (xml: string, baseUrl: string | null = null): XmlElement => {
  const element = readXml(xml, { baseUrl }).elements[0];
  if (!element) throw new Error('no root');
  return element;
};

describe('readXml', () => {
  it('resolves namespaces, including redeclared defaults and prefixes', () => {
    const doc = root('<a:feed xmlns:a="urn:a" xmlns="urn:d"><title/><a:x xmlns="urn:e"><y/></a:x></a:feed>');
    const [title, x] = elementsOf(doc);
    expect([doc.ns, title?.ns, x?.ns, x && elementsOf(x)[0]?.ns]).toEqual(['urn:a', 'urn:d', 'urn:a', 'urn:e']);
  });

  it('tracks xml:base from the document URL down (XML Base)', () => {
    const doc = root('<feed xml:base="/blog/"><entry xml:base="2024/"><link/></entry></feed>', 'https://x.example/feeds/atom.xml');
    const link = elementsOf(elementsOf(doc)[0] as XmlElement)[0];
    expect(link?.base).toBe('https://x.example/blog/2024/');
  });

  it('decodes CDATA, character references, XML and HTML entities', () => {
    const { elements, issues } = readXml('<t>a &amp; &#233;&#x20AC; &eacute;&nbsp;<![CDATA[<b>&amp;</b>]]></t>');
    expect(textOf(elements[0] as XmlElement)).toBe('a & é€ é\u00a0<b>&amp;</b>');
    expect(issues).toEqual(['HTML entity references are not defined in XML']);
  });

  it('has no issues on a well-formed document', () => {
    expect(readXml('<?xml version="1.0"?><!-- c --><!DOCTYPE r><r a="1"><s/>text</r>').issues).toEqual([]);
  });

  it('recovers from mismatched and unclosed tags, stray characters and an undeclared prefix', () => {
    const { elements, issues } = readXml('<r><a>1<b>2</a><c x=1 y>3 < 4 & 5</c><dc:creator>me</dc:creator>');
    const r = elements[0] as XmlElement;
    expect(elementsOf(r).map((e) => e.name)).toEqual(['a', 'c', 'dc:creator']);
    expect(textOf(r)).toBe('123 < 4 & 5me');
    expect(elementsOf(r)[2]?.ns).toBe('http://purl.org/dc/elements/1.1/');
    expect(issues.length).toBeGreaterThanOrEqual(5);
  });

  it('gives back the content of an unclosed HTML void element', () => {
    const r = root('<d>line<br>next</d>');
    expect(innerMarkup(r)).toBe('line<br></br>next');
  });
});
